/// An error found while reading or writing CSV, with the place in the file where it happened.
public typealias CSVError = FileError<CSVErrorKind>

/// What went wrong reading or writing CSV.
public enum CSVErrorKind: FileProblem {
    /// The file could not be opened; the payload is the system's error text.
    case cannotOpen(String)
    /// The bytes are not valid UTF-8.
    case invalidUTF8
    /// A byte-order mark (U+FEFF) starts a record other than the first (two files joined together).
    case byteOrderMark
    /// A quoted field is never closed.
    case unterminatedQuote
    /// Something other than a comma or line break follows a closing quote.
    case characterAfterClosingQuote
    /// A double quote appears inside a field that does not start with one.
    case quoteInUnquotedField
    /// A NUL byte appears in the data.
    case nulByte
    /// Reading from the file failed; the payload is the system's error text.
    case cannotRead(String)
    /// Writing to the file failed; the payload is the system's error text.
    case cannotWrite(String)

    /// What is wrong and how to fix it.
    public var message: String {
        switch self {
        case .cannotOpen(let reason):
            return "cannot open file (\(reason)); check that the path is right and the file is readable"
        case .cannotRead(let reason):
            return "cannot read file (\(reason)); check that it is a regular, readable file"
        case .cannotWrite(let reason):
            return "cannot write file (\(reason)); check that the folder exists, is writable and has free space"
        case .invalidUTF8:
            return "invalid UTF-8 byte sequence; save the file with UTF-8 encoding (in Excel: \"CSV UTF-8\")"
        case .byteOrderMark:
            return "byte-order mark (U+FEFF) at the start of a record, as left by joining two files; remove it, "
                + "and the repeated header line if there is one"
        case .unterminatedQuote:
            return "quoted field never closed (started here); close it with a double quote, "
                + "and double any quote inside it (\"\")"
        case .characterAfterClosingQuote:
            return "unexpected character after closing quote; put a comma or line break right after the "
                + "closing quote, or double the quote (\"\") if it belongs to the text"
        case .quoteInUnquotedField:
            return "double quote inside a field that does not start with one; enclose the whole field in "
                + "double quotes and double the quote inside it (\"\")"
        case .nulByte:
            return "NUL byte (0x00) in the data; remove it, text cannot contain NUL characters"
        }
    }
}
