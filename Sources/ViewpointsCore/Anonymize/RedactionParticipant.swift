/// A participant as the redactor sees them: a pseudonym and the values that identify them.
public struct RedactionParticipant: Sendable, Equatable {
    /// The pseudonym written into redacted text in brackets, such as `P07`.
    public var pseudonym: String
    /// Full identifying values: the person's full name, e-mail, phone, source id.
    public var identifyingValues: [String]
    /// Words of the name; hyphen components and the 3-letter minimum are applied by the `Redactor`.
    public var nameParts: [String]
    /// A participant who withdrew consent: still redacted, as `[NAME]`, so no pseudonym points at them.
    public var withdrawn = false

    /// Creates a participant from explicit values and name parts.
    public init(pseudonym: String, identifyingValues: [String], nameParts: [String], withdrawn: Bool = false) {
        self.pseudonym = pseudonym
        self.withdrawn = withdrawn
        self.identifyingValues = identifyingValues
        self.nameParts = nameParts
    }

    /// Creates a participant whose name parts are the whitespace-separated words of `name`.
    public init(pseudonym: String, name: String, otherIdentifyingValues: [String] = []) {
        self.pseudonym = pseudonym
        self.identifyingValues = [name] + otherIdentifyingValues
        self.nameParts = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}
