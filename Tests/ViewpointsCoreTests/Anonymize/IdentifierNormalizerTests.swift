import Testing
import ViewpointsCore

@Suite struct IdentifierNormalizerTests {
    @Test(arguments: [
        ("  Imran   Khan ", "imran khan"),
        ("IMRAN\tKHAN\n", "imran khan"),
        ("Zoe\u{308} Ahmed", "zoë ahmed"),
        ("ZOË\u{00A0}AHMED", "zoë ahmed"),
        ("Imran.Khan@IPR.org.PK", "imran.khan@ipr.org.pk"),
        ("عمران  قریشی", "عمران قریشی"),
        ("", ""),
    ])
    func normalizesCaseWhitespaceAndComposition(input: String, expected: String) {
        let normalized = IdentifierNormalizer.normalize(input)
        #expect(normalized == expected)
        #expect(Array(normalized.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func isIdempotent() {
        for input in ["  Imran   Khan ", "Zoe\u{308}", "İstanbul", "ΣΊΣΥΦΟΣ"] {
            let once = IdentifierNormalizer.normalize(input)
            #expect(IdentifierNormalizer.normalize(once) == once)
        }
    }
}
