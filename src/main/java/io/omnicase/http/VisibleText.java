package io.omnicase.http;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text someone will read: at least one character that shows. {@code @NotBlank} counts only white space as blank, so a
 * reply of a zero-width space ({@code "\u200B"}), a byte-order mark or a Hangul filler went to the customer as an
 * empty-looking message (probe 50). Null is left to {@code @NotNull} / {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = VisibleText.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface VisibleText {

    String message() default "must hold a character that shows, not only spaces or invisible characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<VisibleText, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || shows(value);
        }

        /** Whether the text holds a character that shows on a page. */
        public static boolean shows(CharSequence text) {
            return text != null && text.codePoints().anyMatch(Check::shows);
        }

        static boolean shows(int c) {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return false;
            }
            return switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE,
                     Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
                // Letters that draw nothing: Hangul fillers, the braille blank.
                default -> c != 0x115F && c != 0x1160 && c != 0x3164 && c != 0xFFA0 && c != 0x2800;
            };
        }
    }
}
