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
            "telenet.be", "skynet.be",
            // more of the world's big free-mail providers (a probe joined a case from foxmail.com, 4 December)
            "foxmail.com", "yeah.net", "139.com", "189.cn", "sohu.com", "aliyun.com", "tom.com", "21cn.com", "sina.cn",
            "nate.com", "protonmail.ch", "duck.com", "hushmail.com", "runbox.com", "mailfence.com", "disroot.org",
            "riseup.net", "tutamail.com", "tuta.com", "keemail.me", "startmail.com", "zohomail.com", "zohomail.eu",
            "bk.ru", "list.ru", "internet.ru", "rambler.ru", "ya.ru", "ukr.net", "i.ua", "meta.ua", "abv.bg", "mail.bg",
            "freemail.hu", "citromail.hu", "azet.sk", "centrum.cz", "post.cz", "email.cz", "atlas.cz", "volny.cz",
            "gazeta.pl", "tlen.pl", "op.pl", "vp.pl", "interia.eu", "poczta.fm", "inbox.lv", "inbox.lt", "mail.ee",
            "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp", "i.softbank.jp", "sify.com", "ig.com.br", "terra.com.br",
            "globo.com", "r7.com", "prodigy.net.mx", "bellsouth.net", "charter.net", "cox.net", "earthlink.net",
            "optonline.net", "frontier.com", "juno.com", "netzero.net", "rogers.com", "shaw.ca", "sympatico.ca",
            "videotron.ca", "telus.net", "bigpond.com", "bigpond.net.au", "optusnet.com.au", "iinet.net.au",
            "xtra.co.nz", "ntlworld.com", "talktalk.net", "tiscali.co.uk", "blueyonder.co.uk", "o2.co.uk",
            "planet.nl", "home.nl", "chello.nl", "hetnet.nl", "club-internet.fr", "numericable.fr", "bbox.fr",
            "aliceadsl.fr", "tin.it", "fastwebnet.it", "email.it", "inwind.it", "iol.it", "sapo.pt", "clix.pt",
            "netcabo.pt", "eircom.net", "hotmail.co.uk", "mail.ua", "walla.co.il", "walla.com", "mail.de", "kakao.com",
            "voila.fr", "lycos.com", "inbox.com", "yopmail.com", "yopmail.fr", "gmx.us", "mail.ch", "hispeed.ch",
            "sunrise.ch", "a1.net", "chello.at", "aon.at", "t-online.at", "vodafone.de", "online.de", "emailn.de",
            "netcologne.de", "ewe.net", "htp-tel.de", "kabelmail.de", "unitybox.de", "mailinator.com", "guerrillamail.com",
            "10minutemail.com", "temp-mail.org", "sharklasers.com", "trashmail.com", "maildrop.cc", "mail2world.com",
            "usa.com", "post.com", "consultant.com", "myself.com", "dr.com", "engineer.com", "techie.com", "writeme.com",
            "seznam.sk", "pobox.sk", "centrum.sk", "rediff.com", "indiatimes.com", "vsnl.net", "otenet.gr",
            "hol.gr", "windowslive.com", "outlook.at");
    /** Country variants of the big providers: hotmail.de, outlook.fr, yahoo.co.uk, live.com.au, ... */
    private static final Pattern FREE_MAIL_FAMILY = Pattern.compile(
            "(hotmail|outlook|live|yahoo|msn|windowslive|gmx|aol|yandex|proton|protonmail|zoho|icloud|qq|naver)"
                    + "\\.[a-z]{2,3}(\\.[a-z]{2})?");

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
