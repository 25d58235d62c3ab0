package io.omnicase.routing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a routing rule text must pass before Drools even compiles it: rules may only read the fact model and
 * shape the decision, so anything that reaches the JVM, the machine or the network is refused, with its line number.
 */
public final class RuleSetValidation {

    public static final String PACKAGE = "io.omnicase.rules.routing";
    static final int MAX_LENGTH = 200_000;

    private static final Set<String> FACT_MODEL = Set.of("io.omnicase.routing.CaseFacts",
            "io.omnicase.routing.CustomerFacts", "io.omnicase.routing.MessageFacts", "io.omnicase.routing.DecisionDraft",
            "io.omnicase.routing.Queue", "io.omnicase.routing.Priority", "io.omnicase.routing.Skill",
            "io.omnicase.routing.Topic", "io.omnicase.customers.Channel", "io.omnicase.customers.Customer.Tier",
            "io.omnicase.cases.CaseStatus", "io.omnicase.sentiment.SentimentLabel", "io.omnicase.sentiment.SentimentTrend");
    /** Types a rule may name at the start of an expression: the fact model and a few harmless value classes. */
    private static final Set<String> NAMEABLE = Set.of("CaseFacts", "CustomerFacts", "MessageFacts", "DecisionDraft",
            "Queue", "Priority", "Skill", "Topic", "Channel", "Customer", "Tier", "CaseStatus", "SentimentLabel",
            "SentimentTrend", "Math", "String", "Integer", "Long", "Double", "Boolean");
    /** A capitalised name that starts a member access ({@code Foo.bar}), i.e. a type used statically. */
    private static final Pattern STATIC_USE = Pattern.compile("(?<![.\\w$])([A-Z]\\w*)\\s*\\.");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(.+?)\\s*;?\\s*$");
    private static final Pattern PACKAGE_LINE = Pattern.compile("^\\s*package\\s+(\\S+?)\\s*;?\\s*$");
    /** Each forbidden construct with the reason an editor sees. */
    private static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden("\\b(System|Runtime|ProcessBuilder|Process|exit|exec)\\b", "reaches the JVM or the operating system"),
            new Forbidden("\\b(Class|ClassLoader|getClass|forName|reflect|Method|Field|Constructor|invoke|setAccessible|MethodHandles?|Unsafe)\\b",
                    "uses reflection"),
            new Forbidden("\\b(Thread|ThreadLocal|Runnable|Callable|Executors?|ExecutorService|CompletableFuture|ForkJoinPool|Timer|synchronized|wait|notify|notifyAll|sleep)\\b",
                    "uses threads"),
            new Forbidden("\\b(File|Files|Path|Paths|FileSystems?|InputStream|OutputStream|Reader|Writer|PrintStream|RandomAccessFile|Scanner|Socket|ServerSocket|URL|URI|HttpClient|HttpURLConnection|DatagramSocket|InetAddress)\\b",
                    "does file or network I/O"),
            new Forbidden("\\b(java|javax|jdk|sun|com|org|net)\\s*\\.", "names a class outside the fact model"),
            new Forbidden("\\b(new)\\b", "creates objects; rules may only shape the DecisionDraft"),
            new Forbidden("\\b(global|drools|kcontext|kieRuntime|getKieRuntime)\\b", "reaches the rule engine itself"),
            new Forbidden("\\b(while|for|do)\\b\\s*[({]", "loops; a rule must decide in one step"));

    private RuleSetValidation() {
    }

    /** The problems of a rule text, each starting with {@code line N:}; empty when it may go on to compilation. */
    public static List<String> problems(String drl) {
        List<String> problems = new ArrayList<>();
        if (drl == null || drl.isBlank()) {
            return List.of("line 1: the rule set is empty");
        }
        if (drl.length() > MAX_LENGTH) {
            return List.of("line 1: the rule set is longer than " + MAX_LENGTH + " characters");
        }
        String[] lines = maskCommentsAndStrings(drl).split("\n", -1);
        boolean packageSeen = false;
        boolean decides = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            Matcher pkg = PACKAGE_LINE.matcher(line);
            if (pkg.matches()) {
                packageSeen = true;
                if (!pkg.group(1).equals(PACKAGE)) {
                    problems.add("line " + number + ": the package must be " + PACKAGE);
                }
                continue;
            }
            Matcher imp = IMPORT.matcher(line);
            if (imp.matches()) {
                if (!FACT_MODEL.contains(imp.group(1))) {
                    problems.add("line " + number + ": import " + imp.group(1) + " is outside the fact model; allowed: "
                            + String.join(", ", FACT_MODEL.stream().sorted().toList()));
                }
                continue;
            }
            Set<String> reported = new java.util.HashSet<>();
            for (Forbidden forbidden : FORBIDDEN) {
                Matcher m = forbidden.pattern().matcher(line);
                while (m.find()) {
                    reported.add(m.group(1));
                    problems.add("line " + number + ": '" + m.group(1) + "' is not allowed in routing rules: it "
                            + forbidden.reason());
                }
            }
            // Whatever the list above misses: a rule may only name the fact model's types.
            Matcher statics = STATIC_USE.matcher(line);
            while (statics.find()) {
                String type = statics.group(1);
                if (!NAMEABLE.contains(type) && reported.add(type)) {
                    problems.add("line " + number + ": '" + type + "' is outside the fact model; rules may name only "
                            + String.join(", ", NAMEABLE.stream().sorted().toList()));
                }
            }
            decides |= line.contains("DecisionDraft");
        }
        if (!packageSeen) {
            problems.add(0, "line 1: the rule set must start with: package " + PACKAGE);
        }
        if (!decides && problems.isEmpty()) {
            problems.add("line 1: no rule matches the DecisionDraft, so the rule set can never make a decision");
        }
        return problems;
    }

    /** Blanks out comments and string literals (keeping line breaks) so that words inside them are not judged. */
    static String maskCommentsAndStrings(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/'
                    || c == '#' && (i == 0 || drl.charAt(i - 1) == '\n')) {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? drl.length() : end + 2;
                for (; i < end; i++) {
                    out.append(drl.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"') {
                out.append('"');
                i++;
                while (i < drl.length() && drl.charAt(i) != '"' && drl.charAt(i) != '\n') {
                    out.append(drl.charAt(i) == '\\' && i + 1 < drl.length() ? "  " : " ");
                    i += drl.charAt(i) == '\\' ? 2 : 1;
                }
                if (i < drl.length() && drl.charAt(i) == '"') {
                    out.append('"');
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private record Forbidden(Pattern pattern, String reason) {
        Forbidden(String regex, String reason) {
            this(Pattern.compile(regex), reason);
        }
    }
}
