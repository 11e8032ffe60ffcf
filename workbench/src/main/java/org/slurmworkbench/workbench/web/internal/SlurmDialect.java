package org.slurmworkbench.workbench.web.internal;

import java.util.Set;
import org.slurmworkbench.workbench.web.SlurmWords;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/** Makes {@link SlurmWords} {@code #slurm} in every template, in the page's language. */
@Component
class SlurmDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String NAME = "slurm";

    private final SlurmWords words;

    SlurmDialect(SlurmWords words) {
        super("Slurm words");
        this.words = words;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                return NAME.equals(name) ? words.in(context.getLocale()) : null;
            }

            @Override
            public boolean isCacheable(String name) {
                return false;
            }
        };
    }
}
