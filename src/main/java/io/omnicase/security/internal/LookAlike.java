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
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String skeleton = SKELETONS.getSkeleton(folded).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(skeleton.length());
        skeleton.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }
}
