/// Writes CSV records to a file descriptor, a file or memory, quoting fields only where needed.
///
/// Output is buffered; it is flushed at about 64 KiB and by `finish()`, which must be called at the end.
public struct CSVWriter {
    private enum Destination {
        case descriptor(CSVFileDescriptor)
        case memory
    }

    private let destination: Destination
    private let displayName: String
    private let lineEnding: [UInt8]
    private var pending: [UInt8] = []
    private var finished = false

    /// Everything written so far to an in-memory writer (complete after `finish()`).
    public private(set) var bytes: [UInt8] = []

    /// The buffer size at which output is flushed.
    static let flushThreshold = 64 * 1024

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let space: UInt8 = 0x20
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Writes to an open file descriptor, which the caller keeps owning and closes.
    public init(fileDescriptor: Int32, lineEnding: CSVLineEnding = .lf, bom: Bool = false) {
        self.init(
            destination: .descriptor(CSVFileDescriptor(raw: fileDescriptor, owned: false)),
            displayName: "<fd \(fileDescriptor)>", lineEnding: lineEnding, bom: bom)
    }

    /// Permissions of written files unless the user asks otherwise: owner read and write only.
    public static let privateMode: UInt32 = 0o600

    /// Writes to a file the caller created; `finish()` closes it. Errors name it by `file.name`.
    public init(file: OutputFile, lineEnding: CSVLineEnding = .lf, bom: Bool = false) {
        self.init(destination: .descriptor(file.descriptor), displayName: file.name, lineEnding: lineEnding, bom: bom)
    }

    /// Writes into memory; read the result from `bytes` after `finish()`.
    public init(lineEnding: CSVLineEnding = .lf, bom: Bool = false) {
        self.init(destination: .memory, displayName: "<output>", lineEnding: lineEnding, bom: bom)
    }

    /// Writes to standard output.
    public static func standardOutput(lineEnding: CSVLineEnding = .lf, bom: Bool = false) -> CSVWriter {
        CSVWriter(fileDescriptor: 1, lineEnding: lineEnding, bom: bom)
    }

    private init(destination: Destination, displayName: String, lineEnding: CSVLineEnding, bom: Bool) {
        self.destination = destination
        self.displayName = displayName
        self.lineEnding = lineEnding.bytes
        pending.reserveCapacity(Self.flushThreshold + 1024)
        if bom { pending.append(contentsOf: Self.byteOrderMark) }
    }

    /// Writes one record (one empty field becomes `""`, so it is not a blank line; no fields writes nothing).
    ///
    /// Fields containing NUL are written as they are, but `CSVReader` rejects them.
    public mutating func write(_ fields: [String]) throws(CSVError) {
        precondition(!finished, "CSVWriter.write called after finish()")
        if fields.isEmpty { return }
        if fields.count == 1 && fields[0].isEmpty {
            pending.append(Self.quote)
            pending.append(Self.quote)
        } else {
            for (index, field) in fields.enumerated() {
                if index > 0 { pending.append(Self.comma) }
                Self.append(field, to: &pending)
            }
        }
        pending.append(contentsOf: lineEnding)
        if pending.count >= Self.flushThreshold { try flush() }
    }

    /// Writes bytes as they are (text already encoded, such as a rendered table).
    public mutating func writeRaw(_ bytes: [UInt8]) throws(CSVError) {
        precondition(!finished, "CSVWriter.writeRaw called after finish()")
        pending.append(contentsOf: bytes)
        if pending.count >= Self.flushThreshold { try flush() }
    }

    /// Flushes buffered output and closes a file given to `init(file:)`; calling it again does nothing.
    public mutating func finish() throws(CSVError) {
        if finished { return }
        finished = true
        try flush()
        if case .descriptor(let descriptor) = destination, let error = descriptor.close() {
            throw CSVError(kind: .cannotWrite(error.text), file: displayName, line: 0, column: 0)
        }
    }

    /// Encodes rows as CSV text.
    public static func encode(_ rows: [[String]], lineEnding: CSVLineEnding = .lf, bom: Bool = false) -> String {
        var writer = CSVWriter(lineEnding: lineEnding, bom: bom)
        for row in rows {
            // In-memory writing cannot fail.
            try? writer.write(row)
        }
        try? writer.finish()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private mutating func flush() throws(CSVError) {
        if pending.isEmpty { return }
        switch destination {
        case .memory:
            bytes.append(contentsOf: pending)
        case .descriptor(let descriptor):
            let result = pending.withUnsafeBytes { descriptor.writeAll($0) }
            if case .failure(let error) = result {
                pending.removeAll(keepingCapacity: true)
                throw CSVError(kind: .cannotWrite(error.text), file: displayName, line: 0, column: 0)
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Appends a field, quoted if it holds a comma, quote, CR or LF, starts or ends with a space, or starts
    /// with U+FEFF (which a reader would take for a byte order mark at the start of a file).
    private static func append(_ field: String, to output: inout [UInt8]) {
        var field = field
        field.withUTF8 { utf8 in
            guard let first = utf8.first, let last = utf8.last else { return }
            var needsQuotes =
                first == space || last == space
                || (utf8.count >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
            var quotes = 0
            for b in utf8 where b <= comma {
                switch b {
                case quote: quotes += 1; needsQuotes = true
                case comma, 0x0A, 0x0D: needsQuotes = true
                default: break
                }
            }
            if !needsQuotes {
                output.append(contentsOf: utf8)
                return
            }
            output.append(quote)
            if quotes == 0 {
                output.append(contentsOf: utf8)
            } else {
                // Append the runs up to and including each quote, then the quote again.
                var runStart = 0
                for index in utf8.indices where utf8[index] == quote {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...index]))
                    output.append(quote)
                    runStart = index + 1
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
            output.append(quote)
        }
    }
}
