/// What an import did: `a new, b unchanged, c changed, d not in file (kept)`.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var new = 0
    public var unchanged = 0
    public var changed = 0
    public var notInFile = 0
    /// Rows of participants who withdrew consent, recognised by their keyed digest and skipped.
    public var withdrawn = 0
    /// Whether changed rows were written (`--update`).
    public var updated = false
    /// Redactions made, by kind (statements only).
    public var redactions: [String: Int] = [:]
    /// Whether the import was a dry run (nothing written).
    public var dryRun = false

    public init(kind: String) { self.kind = kind }

    public var description: String {
        var text =
            "\(kind): \(new) new, \(unchanged) unchanged, \(changed) changed\(updated && changed > 0 ? " (updated)" : ""), "
            + "\(notInFile) not in file (kept)"
        if withdrawn > 0 { text += ", \(withdrawn) withdrawn (skipped; still redacted)" }
        if !redactions.isEmpty {
            let parts = redactions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            text += "; redactions: " + parts.joined(separator: ", ")
        }
        if dryRun { text += " [dry run: nothing written]" }
        return text
    }
}
