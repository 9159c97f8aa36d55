/// How a coder names a code: its short number (`17`) or its key (`india.improve-relations`).
public enum CodeReference: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case key(String)

    /// Reads a short number or a key; nil when `text` is neither.
    public init?(_ text: String) {
        if let first = text.first, first.isASCII, first.isNumber {
            guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text), number >= 1 else {
                return nil
            }
            self = .number(number)
        } else if Slug.isValidCodeKey(text) {
            self = .key(text)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .key(let key): key
        }
    }
}
