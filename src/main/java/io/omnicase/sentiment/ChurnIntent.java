package io.omnicase.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a customer's message says they mean to leave: cancel or terminate the contract, close the account, switch to
 * a competitor, take their business elsewhere. Decided here once, for routing (the {@code churnIntent} fact) and for
 * the sentiment model (churn intent reads as negative). Cancelling an order is not churn; asking for a person is a
 * different signal ({@code cases.PersonRequest}). Matches whole words, ignoring case and apostrophes, in time linear in
 * the text's length (no regular expression).
 */
public final class ChurnIntent {

    private static final String CONTRACT = "subscription|subscriptions|contract|contracts|account|accounts|membership|"
            + "plan|service|services|policy|line|broadband|tariff|everything";
    private static final String PROVIDER = "provider|company|bank|carrier|supplier|operator|network|insurer|shop|store|"
            + "brand|airline";
    private static final String MY = "my|the|our|this|all|your";

    /** Each phrase as its words; a word may list alternatives with |. */
    private static final List<String[][]> PHRASES = phrases(
            "cancel " + MY + " " + CONTRACT,
            "cancelling " + MY + " " + CONTRACT,
            "canceling " + MY + " " + CONTRACT,
            "cancel everything",
            "cancellation form|letter|fee",
            "im|i cancelling|canceling",
            "am cancelling|canceling",
            "close|closing|delete|deleting " + MY + " " + CONTRACT,
            "terminate|terminating|end|ending " + MY + " " + CONTRACT,
            "switch|switching|move|moving|go|going|port|porting to another|a " + PROVIDER + "|competitor",
            "another|different " + PROVIDER,
            // "I will cancel and switch provider": a provider (or providers) named right after the verb.
            "switch|switching|change|changing " + PROVIDER + "|providers|companies|banks|carriers|suppliers|operators|networks|insurers",
            // "I will cancel." / "I'll cancel and go": cancelling with nothing named, at the end or joined to more.
            "will|ill|gonna cancel $|and|now|today|immediately|then|unless|if|it|everything",
            "going to cancel $|and|now|today|immediately|then|unless|if|it|everything",
            "competitor|competitors|competition",
            "business|custom elsewhere",
            "go|going|shop|shopping elsewhere",
            "never order|ordering|buy|buying|use|using|book|booking from|with you|your again",
            "never order|ordering|buy|buying|use|using|book|booking you again",
            "lost|losing a customer",
            "leaving you",
            "im|am leaving",
            "port my number",
            "not|wont|never renew|renewing",
            "not|wont|never be renewing",
            // the code that takes a mobile number or a TV contract to another company (UK: PAC, STAC)
            "pac|stac|porting code|codes",
            "my|the|a|me pac|stac $|please|pls|so|now|today|code",
            "how do|can i|we leave",
            "get out of my|the|this|our " + CONTRACT,
            "deal|deals|plan|plans|offer|price|quote elsewhere",
            "signed up with|to someone|somebody else",
            "done with you",
            "going to switch",
            "gonna switch",
            "move|moving my|our " + CONTRACT + "|mortgage|savings|business to",
            "want|wants out of my|the|this contract",
            "kündigen|kündige|kündigung",
            "résilier|résilie|résiliation",
            "darme|dar de baja",
            "disdetta",
            "opzeggen|opzegging|overstappen",
            "changer dopérateur|dassureur",
            "changer de banque|fournisseur|opérateur|assureur",
            "cambiar|cambiarme|cambio de compañía|compania|compañia|operador|banco|proveedor",
            "cancelar mi|el|o|meu|a contrato|cuenta|conta|suscripción|assinatura",
            "cambio|cambiare operatore|gestore|banca",
            "mudar de operadora|banco|fornecedor");

    private ChurnIntent() {
    }

    /** Whether the text says the customer means to leave. */
    public static boolean in(String text) {
        List<String> words = words(text);
        // "$" stands for the end of the text, which a phrase may ask for ("I will cancel").
        words.add("$");
        for (int start = 0; start < words.size(); start++) {
            for (String[][] phrase : PHRASES) {
                if (startsAt(words, start, phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String[][]> phrases(String... phrases) {
        List<String[][]> all = new ArrayList<>();
        for (String phrase : phrases) {
            String[] words = phrase.split(" ");
            String[][] alternatives = new String[words.length][];
            for (int i = 0; i < words.length; i++) {
                alternatives[i] = Set.of(words[i].split("\\|")).toArray(String[]::new);
            }
            all.add(alternatives);
        }
        return List.copyOf(all);
    }

    private static boolean startsAt(List<String> words, int start, String[][] phrase) {
        if (start + phrase.length > words.size()) {
            return false;
        }
        for (int i = 0; i < phrase.length; i++) {
            if (!oneOf(words.get(start + i), phrase[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean oneOf(String word, String[] alternatives) {
        for (String alternative : alternatives) {
            if (alternative.equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** The text's words in lower case: runs of letters and digits, apostrophes inside a word dropped (i'm: im). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            } else if ((c == '\'' || c == '\u2019') && !word.isEmpty()) {
                continue;
            } else if (!word.isEmpty()) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
        }
        return words;
    }
}
