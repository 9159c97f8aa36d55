import Testing
import ViewpointsCore

@Suite struct RedactorTests {
    static let participants = [
        RedactionParticipant(
            pseudonym: "P07", name: "Imran Khan",
            otherIdentifyingValues: ["imran.khan@ipr.org.pk", "+92 300 1234567", "IPR-INT-007"]),
        RedactionParticipant(pseudonym: "P12", name: "Ayesha Khan"),
        RedactionParticipant(pseudonym: "P21", name: "Bilal Al-Hassan"),
        RedactionParticipant(pseudonym: "P30", name: "Zoë Ahmed"),
        RedactionParticipant(pseudonym: "P33", name: "عمران قریشی"),
        RedactionParticipant(pseudonym: "P40", name: "M. Ali Rizvi"),
        RedactionParticipant(pseudonym: "P44", name: "Sean O'Brien"),
    ]
    static let terms = ["ISI", "Lahore  office", "Khan Research Laboratories"]
    static let redactor = Redactor(participants: participants, terms: terms)

    static func redacted(_ text: String) -> String {
        redactor.redact(text).text
    }

    // MARK: Names

    @Test func replacesUniqueNamePartWithPseudonym() {
        #expect(Self.redacted("Rizvi said so.") == "[P40] said so.")
        #expect(Self.redacted("Imran disagreed") == "[P07] disagreed")
        #expect(Self.redacted("Ahmed and Bilal") == "[P30] and [P21]")
    }

    @Test func replacesSharedNamePartWithName() {
        let result = Self.redactor.redact("Khan said so.")
        #expect(result.text == "[NAME] said so.")
        #expect(result.redactions.map(\.kind) == [.sharedName])
    }

    @Test(arguments: [
        ("Rizvi's view", "[P40]'s view"),
        ("Rizvi’s view", "[P40]’s view"),
        ("Khan's view", "[NAME]'s view"),
        ("the Al-Hassan's paper", "the [P21]'s paper"),
    ])
    func keepsPossessive(input: String, expected: String) {
        #expect(Self.redacted(input) == expected)
    }

    @Test func keepsPossessiveOfUniqueKhan() {
        let redactor = Redactor(participants: [Self.participants[0]], terms: [])
        #expect(redactor.redact("Khan's view").text == "[P07]'s view")
        #expect(redactor.redact("Khan’s view").text == "[P07]’s view")
    }

    @Test(arguments: [
        ("Al-Hassan said", "[P21] said"),
        ("al-hassan said", "[P21] said"),
        ("Al‑Hassan said", "[P21] said"),
        ("Hassan said", "[P21] said"),
        ("Bilal Al-Hassan said", "[P21] said"),
        ("O'Brien and Brien", "[P44] and [P44]"),
    ])
    func replacesHyphenatedNameWhole(input: String, expected: String) {
        #expect(Self.redacted(input) == expected)
    }

    @Test func hyphenComponentSharedWithAnotherParticipantBecomesName() {
        let redactor = Redactor(
            participants: [
                RedactionParticipant(pseudonym: "P01", name: "Bilal Al-Hassan"),
                RedactionParticipant(pseudonym: "P02", name: "Hassan Raza"),
            ], terms: [])
        #expect(redactor.redact("Al-Hassan met Hassan").text == "[P01] met [NAME]")
    }

    @Test(arguments: ["Al said", "M. Smith wrote", "Mr. Al Jazeera"])
    func ignoresNamePartsShorterThanThreeLetters(input: String) {
        #expect(Self.redacted(input) == input)
    }

    @Test func fullValueBeatsItsParts() {
        let result = Self.redactor.redact("Imran Khan said")
        #expect(result.text == "[P07] said")
        #expect(
            result.redactions == [
                Redaction(kind: .participant, original: "Imran Khan", replacement: "[P07]", range: 0..<10)
            ])
    }

    @Test(arguments: ["Imran Khan", "IMRAN KHAN", "imran   khan", "Imran\n\tKhan", "Imran\u{00A0}Khan"])
    func matchesFullValueIgnoringCaseAndWhitespace(value: String) {
        let result = Self.redactor.redact("As \(value) put it")
        #expect(result.text == "As [P07] put it")
        #expect(result.redactions.count == 1)
    }

    @Test func matchesSourceIdentifier() {
        #expect(Self.redacted("Interview IPR-INT-007, part 2") == "Interview [P07], part 2")
        #expect(Self.redacted("ipr-int-007.") == "[P07].")
    }

    @Test func matchesValuesStartingWithPunctuation() {
        let redactor = Redactor(
            participants: [
                RedactionParticipant(pseudonym: "P05", identifyingValues: ["#A-17", "«Qasr»"], nameParts: [])
            ], terms: [])
        #expect(redactor.redact("See #a-17, and «QASR».").text == "See [P05], and [P05].")
        #expect(redactor.redact("See #a-170 and Qasr").text == "See #a-170 and Qasr")
    }

    @Test(arguments: ["Rizvis", "Khanzada", "Imranullah", "xRizvi", "2Rizvi"])
    func matchesWholeWordsOnly(input: String) {
        #expect(Self.redacted(input) == input)
    }

    @Test(arguments: [("RIZVI", "[P40]"), ("rizvi", "[P40]"), ("rIzVi!", "[P40]!"), ("AYESHA", "[P12]")])
    func matchesNamesIgnoringCase(input: String, expected: String) {
        #expect(Self.redacted(input) == expected)
    }

    @Test func sharedFullValueBecomesName() {
        let redactor = Redactor(
            participants: [
                RedactionParticipant(pseudonym: "P01", identifyingValues: ["office@ipr.pk", "Desk 4"], nameParts: []),
                RedactionParticipant(pseudonym: "P02", identifyingValues: ["Desk 4"], nameParts: []),
            ], terms: [])
        #expect(redactor.redact("at desk 4 today").text == "at [NAME] today")
    }

    // MARK: Non-ASCII

    @Test func matchesNonASCIINames() {
        #expect(Self.redacted("Zoë said") == "[P30] said")
        #expect(Self.redacted("ZOË said") == "[P30] said")
        #expect(Self.redacted("Zoe\u{308} said") == "[P30] said")
        #expect(Self.redacted("Zoë Ahmed said") == "[P30] said")
        #expect(Self.redacted("Zoe said") == "[P30] said")  // written without its diaeresis
    }

    @Test func matchesUrduScriptNames() {
        #expect(Self.redacted("عمران نے کہا") == "[P33] نے کہا")
        #expect(Self.redacted("عمران قریشی نے کہا") == "[P33] نے کہا")
        #expect(Self.redacted("(قریشی)") == "([P33])")
    }

    @Test func reportsRangesInUnicodeScalars() {
        let result = Self.redactor.redact("Zoë, 👍 Rizvi")
        #expect(result.text == "[P30], 👍 [P40]")
        #expect(result.redactions.map(\.range) == [0..<3, 7..<12])
        #expect(result.redactions.map(\.original) == ["Zoë", "Rizvi"])
    }

    // MARK: E-mail

    @Test(arguments: [
        ("(ali@example.org).", "([EMAIL])."),
        ("Write to imran.khan@ipr.org.pk.", "Write to [EMAIL]."),
        ("mail:first.last+tag@sub-domain.example.co.uk, then", "mail:[EMAIL], then"),
        ("Zoë.Ahmed@exämple.org", "[EMAIL]"),
    ])
    func replacesEmailAddresses(input: String, expected: String) {
        #expect(Self.redacted(input) == expected)
    }

    @Test(arguments: ["user@localhost", "@handle", "a@b.c", "meet @ 10", "x@y.123"])
    func leavesNonEmailsAlone(input: String) {
        #expect(Self.redacted(input) == input)
    }

    // MARK: Phones

    @Test(arguments: [
        "+92 300 1234567", "0300-1234567", "(042) 3575 1234", "+1 202-555-0143", "03001234567", "+923001234567",
        "202.555.0143", "+1 (202) 555-0143", "(042)35751234", "042 3575 1234", "+44 20 7946 0958",
    ])
    func replacesPhoneNumbers(phone: String) {
        let result = Self.redactor.redact("Call \(phone), or not.")
        #expect(result.text == "Call [PHONE], or not.")
        #expect(result.redactions.map(\.kind) == [.phone])
    }

    @Test(arguments: [
        "9/11", "2001", "1,000,000", "F-16", "2017-07", "2017-07-15", "3.5", "10:30", "in 1998 and 2017",
        "60 experts", "1947", "15.07.2017", "2016 2017 2018", "1990-2000-2010", "3.141592653", "1.000.000.000",
        "100 000 000", "200000000", "ISBN978-0-12", "(2017) 2018", "0300-1234567abc", "v1.2.3", "12-13 May",
    ])
    func leavesNonPhoneNumbersAlone(input: String) {
        let text = "It was \(input) then."
        #expect(Self.redacted(text) == text)
    }

    @Test func emailOutranksEmbeddedNameAndPhone() {
        #expect(Self.redacted("rizvi.03001234567@ipr.org") == "[EMAIL]")
    }

    // MARK: Terms

    @Test func replacesTermsAsWholeWordsIgnoringCase() {
        let text = "The ISI, the isi and the Lahore office; ISIS and Lahore stay."
        #expect(Self.redacted(text) == "The [REDACTED], the [REDACTED] and the [REDACTED]; ISIS and Lahore stay.")
    }

    @Test func longerTermBeatsSharedNamePartAtSameStart() {
        #expect(Self.redacted("Khan Research Laboratories staff") == "[REDACTED] staff")
        #expect(Self.redacted("Khan Research") == "[NAME] Research")
    }

    @Test func leftmostMatchWinsOverLongerLaterOne() {
        // "Imran Khan" starts before "Khan Research Laboratories" and consumes "Khan".
        #expect(Self.redacted("Imran Khan Research Laboratories") == "[P07] Research Laboratories")
    }

    // MARK: Output

    @Test func returnsTextWithoutMatchesUnchanged() {
        let text = String(repeating: "Relations are at their lowest since 9/11, most discussants said. ", count: 4)
        var counts: [RedactionKind: Int] = [:]
        let counted = Self.redactor.redactCounting(text, into: &counts)
        let result = Self.redactor.redact(text)
        #expect(counted == text)
        #expect(result.text == text)
        #expect(result.redactions.isEmpty)
        #expect(counts.isEmpty)
        #expect(Self.sharesStorage(text, counted))
        #expect(Self.sharesStorage(text, result.text))
    }

    @Test func countsEqualRedactions() {
        let text = "Imran Khan (imran.khan@ipr.org.pk, +92 300 1234567) met Khan and Rizvi at the ISI."
        var counts: [RedactionKind: Int] = [.phone: 1]
        let counted = Self.redactor.redactCounting(text, into: &counts)
        let result = Self.redactor.redact(text)
        #expect(counted == result.text)
        #expect(result.text == "[P07] ([EMAIL], [PHONE]) met [NAME] and [P40] at the [REDACTED].")
        #expect(counts == [.participant: 2, .email: 1, .phone: 2, .sharedName: 1, .term: 1])
    }

    @Test func emptyRedactorAndEmptyText() {
        let redactor = Redactor(participants: [], terms: [])
        #expect(redactor.redact("Rizvi at 0300-1234567").text == "Rizvi at [PHONE]")
        #expect(Self.redactor.redact("").text == "")
    }

    static func sharesStorage(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in pa.baseAddress == pb.baseAddress } }
    }
}
