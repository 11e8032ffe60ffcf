-- The bench showed one-account questions scanning the rollup's whole date range: index account before day.
ALTER TABLE acct_daily ADD KEY ix_acct_daily_account (account, day);
