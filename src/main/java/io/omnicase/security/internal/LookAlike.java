package io.omnicase.security.internal;

import com.ibm.icu.text.SpoofChecker;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What a name looks like to a reader, as one comparable key: Unicode's confusable skeleton (UTS #39), so "Ѕаrа"
 * written with Cyrillic letters, full-width letters, accents, bidi controls and zero-width characters all read as
 * "sara"; case, spaces and punctuation are left out ("Sara  Supervisor." and "sara supervisor" are one key).
 */
public final class LookAlike {

    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

    private LookAlike() {
    }

    public static String key(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder key = new StringBuilder(name.length());
        skeleton(name).codePoints().filter(Character::isLetterOrDigit).map(LookAlike::plain).forEach(key::appendCodePoint);
        return key.toString();
    }

    /** The keys of a name's words ("Omnicase  Support" → omnicase, support). */
    public static java.util.List<String> wordKeys(String name) {
        if (name == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(skeleton(name).split("[\\s\\p{Punct}]+")).map(LookAlike::key)
                .filter(word -> !word.isEmpty()).toList();
    }

    private static String skeleton(String name) {
        StringBuilder letters = new StringBuilder(name.length());
        Normalizer.normalize(name, Normalizer.Form.NFKC).codePoints().map(LookAlike::smallCapital)
                .forEach(letters::appendCodePoint);
        return SKELETONS.getSkeleton(letters.toString().toLowerCase(Locale.ROOT)).toLowerCase(Locale.ROOT);
    }

    /** "ᴀ" (LATIN LETTER SMALL CAPITAL A), which neither NFKC nor the skeletons fold, reads as "a". */
    private static int smallCapital(int c) {
        if (c < 0x250) {
            return c;
        }
        String unicodeName = Character.getName(c);
        if (unicodeName != null && unicodeName.matches("(LATIN|MODIFIER) LETTER (SMALL )?CAPITAL [A-Z]")) {
            return Character.toLowerCase(unicodeName.charAt(unicodeName.length() - 1));
        }
        return c;
    }

    /** Digits that stand in for letters ("Superv1sor", "T0ni"), and i for the l the skeletons make of 1 and I. */
    private static int plain(int c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', 'i', '!' -> 'l';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            default -> c;
        };
    }
}
