/// The line break a `CSVWriter` puts after each record.
public enum CSVLineEnding: Sendable, Equatable {
    /// A line feed (`\n`).
    case lf
    /// A carriage return and line feed (`\r\n`), as RFC 4180 and Excel on Windows use.
    case crlf

    /// The bytes of the line break.
    var bytes: [UInt8] {
        switch self {
        case .lf: return [0x0A]
        case .crlf: return [0x0D, 0x0A]
        }
    }
}
