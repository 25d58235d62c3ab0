package io.omnicase.process;

import org.camunda.bpm.engine.delegate.VariableScope;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A process variable with its name and its type: Java reads and writes a case process's variables only through these,
 * so no read is a cast. The stored form is what the model's expressions and Tasklist see (a duration is ISO-8601 text,
 * which the timers read; a choice is the enum constant's name, which the gateways compare). A stored value that is not
 * of the variable's type (a client may complete a task with any variables) reads as absent.
 *
 * @param <T> the type Java sees
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Function<Object, T> read;
    private final Function<T, Object> write;

    private ProcessVariable(String name, Function<Object, T> read, Function<T, Object> write) {
        this.name = Objects.requireNonNull(name);
        this.read = read;
        this.write = write;
    }

    /** Text; any stored value reads as its text, as a Tasklist form may send numbers or booleans. */
    public static ProcessVariable<String> text(String name) {
        return new ProcessVariable<>(name, String::valueOf, value -> value);
    }

    /** A whole number (a task priority, a count). */
    public static ProcessVariable<Integer> number(String name) {
        return new ProcessVariable<>(name, stored -> stored instanceof Integer || stored instanceof Long
                || stored instanceof Short ? ((Number) stored).intValue() : null, value -> value);
    }

    /** The id of a row in MariaDB (an interaction); a stored int reads as a long. */
    public static ProcessVariable<Long> id(String name) {
        return new ProcessVariable<>(name, stored -> stored instanceof Long || stored instanceof Integer
                || stored instanceof Short ? ((Number) stored).longValue() : null, value -> value);
    }

    /** A yes/no the model branches on. */
    public static ProcessVariable<Boolean> flag(String name) {
        return new ProcessVariable<>(name, stored -> stored instanceof Boolean b ? b : null, value -> value);
    }

    /** A period, stored as ISO-8601 text ({@code PT4H}) for the model's timers. */
    public static ProcessVariable<Duration> duration(String name) {
        return new ProcessVariable<>(name, ProcessVariable::durationOf, Duration::toString);
    }

    /** One of an enum's constants, stored as its name for the model's gateways. */
    public static <E extends Enum<E>> ProcessVariable<E> choice(String name, Class<E> type) {
        return new ProcessVariable<>(name, stored -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(stored)) {
                    return constant;
                }
            }
            return null;
        }, Enum::name);
    }

    /** The name the model's expressions, Tasklist and engine-rest use. */
    public String name() {
        return name;
    }

    /** The value seen from this scope (or a parent scope); null when unset or not of this type. */
    public T get(VariableScope scope) {
        return convert(scope.getVariable(name));
    }

    /** The value seen from this scope, or {@code otherwise} when unset or not of this type. */
    public T get(VariableScope scope, T otherwise) {
        T value = get(scope);
        return value == null ? otherwise : value;
    }

    /** The value in a map of variables (as a completion or correlation carries them); null when absent. */
    public T get(Map<String, ?> variables) {
        return convert(variables.get(name));
    }

    /** Turns a stored value into this variable's type; null when it is null or not of this type. */
    public T convert(Object stored) {
        return stored == null ? null : read.apply(stored);
    }

    /** Sets the value where the variable lives, else on the process instance. */
    public void set(VariableScope scope, T value) {
        scope.setVariable(name, stored(value));
    }

    /** Sets the value on exactly this scope. */
    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, stored(value));
    }

    public void remove(VariableScope scope) {
        scope.removeVariable(name);
    }

    /** Puts the value into variables a completion or correlation will carry. */
    public void put(Map<String, Object> variables, T value) {
        variables.put(name, stored(value));
    }

    private Object stored(T value) {
        return value == null ? null : write.apply(value);
    }

    private static Duration durationOf(Object stored) {
        try {
            return stored instanceof String text ? Duration.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
