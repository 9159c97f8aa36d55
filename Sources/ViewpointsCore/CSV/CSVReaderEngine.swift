#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The buffered byte-level parser behind `CSVReader`.
///
/// The buffer holds the unparsed rest of the input. A record that runs past the end of the buffer is parsed
/// again from its start once more bytes are in; each refill at least doubles the bytes of that record, so the
/// total work stays linear and memory stays bounded by the chunk size and the longest record.
final class CSVReaderEngine {
    /// The file path or `<input>`, used in errors.
    let displayName: String
    private let descriptor: CSVFileDescriptor?
    private let memory: [UInt8]
    private var memoryOffset = 0
    private let chunkSize: Int

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Offset of the first byte not yet consumed.
    private var start = 0
    /// Offset just past the last byte read.
    private var end = 0
    private var atEndOfInput = false
    private var atFileStart = true
    /// The physical line of the byte at `start`.
    private var line = 1

    private var spans: [CSVFieldSpan] = []
    /// Column and line of each field of the record just parsed, reused from record to record.
    private var columns: [Int] = []
    private var fieldLines: [Int] = []
    /// The line where the record just parsed starts.
    private(set) var recordLine = 0

    /// The default read size.
    static let defaultChunkSize = 1 << 20

    init(displayName: String, descriptor: CSVFileDescriptor?, memory: [UInt8], chunkSize: Int) {
        precondition(chunkSize > 0, "chunk size must be positive")
        self.displayName = displayName
        self.descriptor = descriptor
        self.memory = memory
        self.chunkSize = chunkSize
        self.capacity = max(chunkSize, 64)
        self.buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Returns the next record, or nil at the end of the input.
    func next() throws(CSVError) -> CSVRecord? {
        guard try advance() else { return nil }
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        for span in spans { fields.append(makeString(span)) }
        return CSVRecord(fields: fields, line: recordLine, columns: columns, fieldLines: fieldLines)
    }

    /// Parses the next record without making strings; false at the end of the input.
    ///
    /// The record's fields stay readable through `withField(_:_:)` until the next call.
    func advance() throws(CSVError) -> Bool {
        while true {
            switch try parseRecord() {
            case .record:
                return true
            case .finished:
                descriptor?.close()
                return false
            case .needMore:
                try fill()
            }
        }
    }

    /// Number of fields of the record just parsed.
    var fieldCount: Int { spans.count }

    /// The 1-based column where field `index` of the record just parsed starts.
    func column(_ index: Int) -> Int { columns[index] }

    /// The 1-based line where field `index` of the record just parsed starts.
    func fieldLine(_ index: Int) -> Int { fieldLines[index] }

    /// Field `index` of the record just parsed as a string.
    func field(_ index: Int) -> String { makeString(spans[index]) }

    /// Calls `body` with the UTF-8 bytes of field `index` of the record just parsed (quotes removed).
    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let span = spans[index]
        if span.escaped {
            var text = makeString(span)
            return text.withUTF8(body)
        }
        return body(UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start))
    }

    // MARK: - Input

    /// Moves the unconsumed bytes to the front and reads more.
    private func fill() throws(CSVError) {
        let pending = end - start
        if start > 0 {
            if pending > 0 { buffer.update(from: buffer + start, count: pending) }
            start = 0
            end = pending
        }
        let want = max(chunkSize, pending)
        if capacity - end < want {
            let newCapacity = max(capacity * 2, end + want)
            let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBuffer.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = newBuffer
            capacity = newCapacity
        }
        let received: Int
        if let descriptor {
            switch descriptor.read(into: buffer + end, count: want) {
            case .success(let n):
                received = n
            case .failure(let error):
                throw CSVError(kind: .cannotRead(error.text), file: displayName, line: 0, column: 0)
            }
        } else {
            received = min(want, memory.count - memoryOffset)
            memory.withUnsafeBufferPointer { source in
                if received > 0 { (buffer + end).update(from: source.baseAddress! + memoryOffset, count: received) }
            }
            memoryOffset += received
        }
        if received == 0 { atEndOfInput = true }
        end += received
    }

    // MARK: - Parsing

    private enum Step {
        case record
        case needMore
        case finished
    }

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func parseRecord() throws(CSVError) -> Step {
        let quote = Self.quote, comma = Self.comma, lineFeed = Self.lineFeed, carriageReturn = Self.carriageReturn
        let p = buffer
        let end = self.end
        let eof = atEndOfInput

        if atFileStart {
            if end - start < 3 && !eof { return .needMore }
            if end - start >= 3 && p[start] == 0xEF && p[start + 1] == 0xBB && p[start + 2] == 0xBF {
                start += 3
            }
            atFileStart = false
        }

        // Skip blank lines, committing progress so they are not scanned again.
        var i = start
        while true {
            if i == end { return eof ? .finished : .needMore }
            let b = p[i]
            if b == lineFeed {
                i += 1
            } else if b == carriageReturn {
                if i + 1 == end && !eof { return .needMore }
                i += 1
                if i < end && p[i] == lineFeed { i += 1 }
            } else {
                break
            }
            start = i
            line += 1
        }

        // A byte-order mark opening a later record is what joining two files saved by Excel leaves behind (the
        // second file's header becomes a record). It is invisible, so it is refused rather than read as text.
        if p[i] == 0xEF {
            if end - i < 3 && !eof { return .needMore }
            if end - i >= 3 && p[i + 1] == 0xBB && p[i + 2] == 0xBF {
                throw CSVError(kind: .byteOrderMark, file: displayName, line: line, column: 1)
            }
        }

        let recordStart = i
        let recordLine = line
        var line = recordLine
        var lineStart = i
        var continuationBytes = 0
        var spans = self.spans
        self.spans = []
        spans.removeAll(keepingCapacity: true)
        defer { self.spans = spans }
        var columns = self.columns
        self.columns = []
        columns.removeAll(keepingCapacity: true)
        var fieldLines = self.fieldLines
        self.fieldLines = []
        fieldLines.removeAll(keepingCapacity: true)
        defer {
            self.columns = columns
            self.fieldLines = fieldLines
        }

        fieldLoop: while true {
            let fieldStart = i
            let column = i - lineStart - continuationBytes + 1
            let fieldLine = line
            columns.append(column)
            fieldLines.append(fieldLine)
            if i == end {
                if !eof { return .needMore }
                spans.append(CSVFieldSpan(start: i, end: i, escaped: false))
                break fieldLoop
            }
            if p[i] == quote {
                i += 1
                let contentStart = i
                var escaped = false
                quoted: while true {
                    if end &- i >= 8 {
                        let word = CSVWordScan.load(p + i)
                        let stops = CSVWordScan.quotedStops(word)
                        if stops == 0 {
                            if word & CSVWordScan.high != 0 {
                                continuationBytes &+= CSVWordScan.continuationMask(word).nonzeroBitCount
                            }
                            i &+= 8
                            continue quoted
                        }
                        let skip = stops.trailingZeroBitCount >> 3
                        continuationBytes &+= CSVWordScan.continuationCount(word, firstBytes: skip)
                        i &+= skip
                    } else if i == end {
                        if !eof { return .needMore }
                        throw error(
                            .unterminatedQuote, line: fieldLine, column: column, at: fieldStart,
                            recordStart: recordStart, recordLine: recordLine)
                    }
                    let b = p[i]
                    if b > quote && b < 0x80 {
                        i += 1
                        continue
                    }
                    switch b {
                    case quote:
                        if i + 1 == end && !eof { return .needMore }
                        if i + 1 < end && p[i + 1] == quote {
                            escaped = true
                            i += 2
                            continue quoted
                        }
                        spans.append(CSVFieldSpan(start: contentStart, end: i, escaped: escaped))
                        i += 1
                        break quoted
                    case lineFeed:
                        i += 1
                        line += 1
                        lineStart = i
                        continuationBytes = 0
                    case carriageReturn:
                        if i + 1 == end && !eof { return .needMore }
                        i += 1
                        if i < end && p[i] == lineFeed { i += 1 }
                        line += 1
                        lineStart = i
                        continuationBytes = 0
                    case 0:
                        throw error(
                            .nulByte, line: line, column: i - lineStart - continuationBytes + 1, at: i,
                            recordStart: recordStart, recordLine: recordLine)
                    default:
                        if b & 0xC0 == 0x80 { continuationBytes += 1 }
                        i += 1
                    }
                }
                if i == end {
                    if !eof { return .needMore }
                    break fieldLoop
                }
                let b = p[i]
                if b == comma {
                    i += 1
                    continue fieldLoop
                }
                if b == carriageReturn || b == lineFeed { break fieldLoop }
                let kind: CSVError.Kind = b == 0 ? .nulByte : .characterAfterClosingQuote
                throw error(
                    kind, line: line, column: i - lineStart - continuationBytes + 1, at: i,
                    recordStart: recordStart, recordLine: recordLine)
            } else {
                unquoted: while true {
                    if end &- i >= 8 {
                        let word = CSVWordScan.load(p + i)
                        let stops = CSVWordScan.unquotedStops(word)
                        if stops == 0 {
                            if word & CSVWordScan.high != 0 {
                                continuationBytes &+= CSVWordScan.continuationMask(word).nonzeroBitCount
                            }
                            i &+= 8
                            continue unquoted
                        }
                        let skip = stops.trailingZeroBitCount >> 3
                        continuationBytes &+= CSVWordScan.continuationCount(word, firstBytes: skip)
                        i &+= skip
                    } else if i == end {
                        if !eof { return .needMore }
                        spans.append(CSVFieldSpan(start: fieldStart, end: i, escaped: false))
                        break fieldLoop
                    }
                    let b = p[i]
                    if b > comma && b < 0x80 {
                        i += 1
                        continue
                    }
                    switch b {
                    case comma:
                        spans.append(CSVFieldSpan(start: fieldStart, end: i, escaped: false))
                        i += 1
                        continue fieldLoop
                    case carriageReturn, lineFeed:
                        spans.append(CSVFieldSpan(start: fieldStart, end: i, escaped: false))
                        break fieldLoop
                    case quote, 0:
                        let kind: CSVError.Kind = b == 0 ? .nulByte : .quoteInUnquotedField
                        throw error(
                            kind, line: line, column: i - lineStart - continuationBytes + 1, at: i,
                            recordStart: recordStart, recordLine: recordLine)
                    default:
                        if b & 0xC0 == 0x80 { continuationBytes += 1 }
                        i += 1
                    }
                }
            }
        }

        // Consume the record's line break, if any.
        if i < end {
            if p[i] == carriageReturn {
                if i + 1 == end && !eof { return .needMore }
                i += 1
                if i < end && p[i] == lineFeed { i += 1 }
            } else {
                i += 1
            }
            line += 1
        }

        // Quotes, commas and line breaks are ASCII, so validating the record's raw bytes validates every field.
        if let invalid = firstInvalidOffset(from: recordStart, to: i) {
            let (errorLine, errorColumn) = locate(invalid, recordStart: recordStart, recordLine: recordLine)
            throw CSVError(kind: .invalidUTF8, file: displayName, line: errorLine, column: errorColumn)
        }
        start = i
        self.line = line
        self.recordLine = recordLine
        return .record
    }

    /// Builds the field's string from bytes already validated as UTF-8.
    @inline(__always)
    private func makeString(_ span: CSVFieldSpan) -> String {
        if span.start == span.end { return "" }
        if !span.escaped {
            return String(
                decoding: UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start),
                as: UTF8.self)
        }
        // Copy the runs between quotes, keeping one quote of each doubled pair.
        let base = buffer
        return String(unsafeUninitializedCapacity: span.end - span.start) { output in
            var source = span.start
            var written = 0
            while source < span.end {
                var runEnd = span.end
                if let found = memchr(base + source, Int32(Self.quote), span.end - source) {
                    runEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                }
                let runLength = runEnd - source
                (output.baseAddress! + written).update(from: base + source, count: runLength)
                written += runLength
                source = runEnd + 1
            }
            return written
        }
    }

    // MARK: - Error positions

    /// Makes a structural error, unless the record has invalid UTF-8 before it, which is reported instead.
    // swiftlint:disable:next function_parameter_count
    private func error(
        _ kind: CSVError.Kind, line: Int, column: Int, at offset: Int,
        recordStart: Int, recordLine: Int
    ) -> CSVError {
        if let invalid = firstInvalidOffset(from: recordStart, to: offset) {
            let (invalidLine, invalidColumn) = locate(invalid, recordStart: recordStart, recordLine: recordLine)
            return CSVError(kind: .invalidUTF8, file: displayName, line: invalidLine, column: invalidColumn)
        }
        return CSVError(kind: kind, file: displayName, line: line, column: column)
    }

    private func firstInvalidOffset(from lower: Int, to upper: Int) -> Int? {
        let bytes = UnsafeBufferPointer(start: buffer + lower, count: upper - lower)
        return CSVUTF8.firstInvalidOffset(bytes).map { $0 + lower }
    }

    /// The line and column of a byte, counted from the start of its record.
    private func locate(_ offset: Int, recordStart: Int, recordLine: Int) -> (line: Int, column: Int) {
        var line = recordLine
        var column = 1
        var k = recordStart
        while k < offset {
            let b = buffer[k]
            if b == Self.lineFeed || b == Self.carriageReturn {
                line += 1
                column = 1
                if b == Self.carriageReturn && k + 1 < offset && buffer[k + 1] == Self.lineFeed { k += 1 }
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            k += 1
        }
        return (line, column)
    }
}
