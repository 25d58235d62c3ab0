package io.omnicase.channels.email;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which mail domains name an organisation: a company's own domain does, a free-mail provider's does not (two people at
 * gmail.com are strangers, two people at acme.example are colleagues).
 */
final class MailDomains {

    private static final Set<String> FREE_MAIL = Set.of(
            "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
            "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com", "icloud.com", "me.com", "mac.com",
            "mail.com", "email.com", "gmx.com", "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "web.de", "t-online.de",
            "freenet.de", "posteo.de", "mailbox.org", "arcor.de", "protonmail.com", "proton.me", "pm.me", "tutanota.com",
            "tuta.io", "zoho.com", "fastmail.com", "hey.com", "yandex.com", "yandex.ru", "mail.ru", "inbox.ru",
            "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "neuf.fr", "libero.it", "virgilio.it",
            "alice.it", "tiscali.it", "terra.es", "telefonica.net", "movistar.es", "hotmail.es", "yahoo.es",
            "online.no", "telia.com", "telia.se", "bredband.net", "comhem.se", "spray.se", "live.se", "live.dk",
            "jubii.dk", "ofir.dk", "suomi24.fi", "luukku.com", "kolumbus.fi", "seznam.cz", "wp.pl", "o2.pl",
            "interia.pl", "onet.pl", "qq.com", "163.com", "126.com", "sina.com", "naver.com", "daum.net", "hanmail.net",
            "rediffmail.com", "uol.com.br", "bol.com.br", "comcast.net", "verizon.net", "att.net", "sbcglobal.net",
            "btinternet.com", "sky.com", "virginmedia.com", "bluewin.ch", "xs4all.nl", "ziggo.nl", "kpnmail.nl",
            "telenet.be", "skynet.be");
    /** Country variants of the big providers: hotmail.de, outlook.fr, yahoo.co.uk, live.com.au, ... */
    private static final Pattern FREE_MAIL_FAMILY = Pattern.compile(
            "(hotmail|outlook|live|yahoo|msn|windowslive|gmx|aol)\\.[a-z]{2,3}(\\.[a-z]{2})?");

    private MailDomains() {
    }

    /** The domain of an address, lower case; empty when it has none. */
    static String domain(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the domain belongs to a free-mail provider, whose users are no organisation. */
    static boolean isFreeMail(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return FREE_MAIL.contains(d) || FREE_MAIL_FAMILY.matcher(d).matches();
    }

    /** Whether two addresses belong to one organisation: the same domain, and not a free-mail one. */
    static boolean sameOrganisation(String a, String b) {
        String domain = domain(a);
        return !domain.isEmpty() && domain.equals(domain(b)) && !isFreeMail(domain);
    }
}
