package io.omnicase.process.internal;

import io.omnicase.process.CustomerCaseProcess.Delegates;
import org.camunda.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationContext;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the engine's expressions can reach: process variables, the allowlisted {@link Delegates} (by name, from the
 * application context, and nothing else of it), and methods and properties of plain values only (text, numbers,
 * dates), so that no expression walks from a bean or an engine object to its class, its class loader or the runtime.
 */
final class CaseExpressions extends SpringExpressionManager {

    CaseExpressions(ApplicationContext context) {
        super(context, new AllowedBeans(context));
    }

    Map<Object, Object> beans() {
        return beans;
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new VariableScopeElResolver());
        resolver.add(new VariableContextElResolver());
        resolver.add(new ReadOnlyMapELResolver(beans));
        resolver.add(new ArrayELResolver(true));
        resolver.add(new ListELResolver(true));
        resolver.add(new MapELResolver(true));
        resolver.add(new PlainValuesOnly());
        return resolver;
    }

    /** The allowlisted delegates by bean name, looked up when an expression names one (not while the engine starts). */
    static final class AllowedBeans extends AbstractMap<Object, Object> {

        private final BeanFactory beans;

        AllowedBeans(BeanFactory beans) {
            this.beans = beans;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && Delegates.byBeanName(name).isPresent();
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? beans.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return Arrays.stream(Delegates.values())
                    .map(d -> (Entry<Object, Object>) new SimpleImmutableEntry<Object, Object>(d.beanName(), beans.getBean(d.beanName())))
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    /**
     * Properties and methods of plain values (Tasklist filters use dates, e.g. {@code ${dateTime().plusDays(1)}});
     * any other object (a delegate, the execution, a class) is refused, as are getClass and setters.
     */
    static final class PlainValuesOnly extends BeanELResolver {

        private static final Set<Class<?>> PLAIN = Set.of(String.class, Integer.class, Long.class, Double.class,
                Float.class, Short.class, Byte.class, Boolean.class, Character.class, java.math.BigDecimal.class,
                java.math.BigInteger.class, Date.class);
        private static final Set<String> PLAIN_BY_NAME = Set.of("org.joda.time.DateTime", "org.joda.time.LocalDate",
                "org.joda.time.LocalDateTime");
        private static final Set<String> REFUSED_NAMES = Set.of("class", "getClass", "wait", "notify", "notifyAll");

        PlainValuesOnly() {
            super(true);
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null) {
                guard(base, String.valueOf(property));
            }
            return super.getValue(context, base, property);
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            if (base != null) {
                guard(base, String.valueOf(property));
            }
            return super.getType(context, base, property);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (base != null) {
                String name = String.valueOf(method);
                guard(base, name);
                if (name.startsWith("set")) {
                    throw new ELException("Process expressions may not call " + name);
                }
            }
            return super.invoke(context, base, method, paramTypes, params);
        }

        private static void guard(Object base, String name) {
            boolean plain = PLAIN.contains(base.getClass()) || PLAIN_BY_NAME.contains(base.getClass().getName());
            if (!plain || REFUSED_NAMES.contains(name)) {
                throw new ELException("Process expressions may use only variables and plain values; '" + name
                        + "' is not reachable");
            }
        }
    }
}
