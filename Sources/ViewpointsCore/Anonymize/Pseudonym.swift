/// How participants are numbered: `P07`, numbers never given twice (a withdrawn participant's number included),
/// the width fixed by a study's first import.
public enum Pseudonym {
    /// `P07`: the number zero-padded to `width` digits.
    public static func name(number: Int, width: Int) -> String {
        let digits = String(number)
        return "P" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The width a study's first import fixes: at least 2, and enough digits for everyone known then.
    public static func width(participants: Int) -> Int {
        max(2, String(participants).count)
    }

    /// The first number to give: one past every number given so far.
    public static func nextNumber(after given: [Int]) -> Int {
        given.max().map { $0 + 1 } ?? 1
    }
}

extension RedactionParticipant {
    /// A participant known only by the identifier a statements file gives: the identifier is redacted, and its words
    /// as a name when it looks like one.
    public init(pseudonym: String, identifier: String) {
        self.init(
            pseudonym: pseudonym, identifyingValues: [identifier],
            nameParts: Self.looksLikeName(identifier) ? identifier.split(separator: " ").map(String.init) : [])
    }

    /// An identifier that is not an e-mail address and has letters is taken for a name.
    public static func looksLikeName(_ identifier: String) -> Bool {
        !identifier.contains("@") && identifier.contains(where: \.isLetter)
    }
}
