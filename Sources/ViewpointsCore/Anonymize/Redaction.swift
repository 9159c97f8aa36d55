/// One replacement made by `Redactor.redact(_:)`.
public struct Redaction: Sendable, Equatable {
    /// What was replaced.
    public var kind: RedactionKind
    /// The replaced text as it appeared in the input.
    public var original: String
    /// The text put in its place, such as `[P07]` or `[EMAIL]`.
    public var replacement: String
    /// Where the original text was, in Unicode scalars of the input.
    public var range: Range<Int>

    /// Creates a redaction record.
    public init(kind: RedactionKind, original: String, replacement: String, range: Range<Int>) {
        self.kind = kind
        self.original = original
        self.replacement = replacement
        self.range = range
    }
}
