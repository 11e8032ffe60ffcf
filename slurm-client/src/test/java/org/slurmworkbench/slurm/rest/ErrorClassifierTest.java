package org.slurmworkbench.slurm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.SlurmError;
import org.slurmworkbench.slurm.SlurmException;

class ErrorClassifierTest {

    private static SlurmError error(int number, String text) {
        return new SlurmError(number, text, "", "");
    }

    @Test
    void successHasNoException() {
        assertThat(ErrorClassifier.classify(200, List.of(), "GET /x")).isNull();
        assertThat(ErrorClassifier.classify(200, List.of(error(0, "")), "GET /x")).isNull();
    }

    @Test
    void authFailuresOfEachRelease() {
        assertThat(ErrorClassifier.classify(511, List.of(error(1007, "Protocol authentication error")), "GET /x"))
                .isInstanceOf(SlurmException.Authentication.class);
        assertThat(ErrorClassifier.classify(401, List.of(), "GET /x")).isInstanceOf(SlurmException.Authentication.class);
        assertThat(ErrorClassifier.classify(500, List.of(), "GET /x")).isInstanceOf(SlurmException.Authentication.class);
    }

    /** Seen on 26.05: a reservation naming a user Slurm does not know; 22.05 would mean a rejected token by it. */
    @Test
    void aReservationRefusedWithAnUnspecifiedErrorIsARefusalNotAnAuthFailure() {
        SlurmError unspecified = new SlurmError(-1, "Unspecified error", "Error creating reservation  m1", "slurm_create_reservation");
        SlurmException e = ErrorClassifier.classify(500, List.of(unspecified), "POST /slurm/v0.0.45/reservation");
        assertThat(e).isInstanceOf(SlurmException.Rejected.class);
        assertThat(e.errorNumber()).isEqualTo(-1);
        assertThat(ErrorClassifier.classify(500, List.of(error(-1, "Unspecified error")), "GET /x"))
                .isInstanceOf(SlurmException.Authentication.class);
    }

    @Test
    void notFoundPermissionDeniedAndOtherSlurmErrors() {
        SlurmException notFound = ErrorClassifier.classify(500, List.of(error(2017, "Invalid job id specified")), "GET /job/9");
        assertThat(notFound).isInstanceOf(SlurmException.NotFound.class);
        assertThat(notFound.getMessage()).contains("GET /job/9").contains("2017").contains("HTTP 500");

        assertThat(ErrorClassifier.classify(400, List.of(error(2002, "Access/permission denied")), "POST /qos"))
                .isInstanceOf(SlurmException.PermissionDenied.class);

        SlurmException rejected = ErrorClassifier.classify(200, List.of(error(2015, "Invalid partition name specified")), "POST /submit");
        assertThat(rejected).isInstanceOf(SlurmException.Rejected.class);
        assertThat(rejected.errorNumber()).isEqualTo(2015);
        assertThat(ErrorClassifier.classify(503, List.of(), "GET /x")).isInstanceOf(SlurmException.Unavailable.class);
    }

    @Test
    void slurmctldOutOfReachIsUnavailableNotAnAuthenticationFailure() {
        SlurmException e = ErrorClassifier.classify(500,
                List.of(error(1800, "Unable to contact slurm controller (connect failure)")), "GET /jobs");
        assertThat(e).isInstanceOf(SlurmException.Unavailable.class);
        assertThat(((SlurmException.Unavailable) e).connectionFailed()).as("slurmrestd answered: not tried again").isFalse();
        assertThat(e.getMessage()).contains("Unable to contact slurm controller");
        assertThat(ErrorClassifier.classify(500, List.of(error(1001, "Communication connection failure")), "GET /nodes"))
                .isInstanceOf(SlurmException.Unavailable.class);
        assertThat(ErrorClassifier.classify(500, List.of(error(5004, "Socket timed out on send/recv operation")), "GET /nodes"))
                .isInstanceOf(SlurmException.Unavailable.class);
        // 24.11/26.05 /partitions with slurmdbd stopped: the errno of the refused connection
        assertThat(ErrorClassifier.classify(500, List.of(new SlurmError(111, "Connection refused", "Slurmdb query failed", "")),
                "GET /partitions/")).isInstanceOf(SlurmException.Unavailable.class);
    }
}
