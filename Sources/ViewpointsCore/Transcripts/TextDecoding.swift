/// Text files as researchers save them: UTF-8 (with or without a byte order mark) or UTF-16 with one.
enum TextDecoding {
    /// The text of `bytes`, or nil with a problem at the line and column of the first invalid sequence.
    static func decode(_ bytes: [UInt8], problems: inout ProblemList) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE, problems: &problems)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if let text = String(validating: body, as: UTF8.self) {
            guard let nul = body.firstIndex(of: 0) else { return text }
            let (line, column) = place(of: nul, in: body)
            problems.add(line: line, column: column, "the file contains a NUL byte; is it a text file?")
            return nil
        }
        if let bad = firstInvalidUTF8(body) {
            let (line, column) = place(of: bad, in: body)
            problems.add(
                line: line, column: column,
                "the file is not valid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true))); "
                    + "save it as UTF-8 and import it again")
            return nil
        }
        problems.add(line: 1, column: 1, "the file is not valid UTF-8; save it as UTF-8 and import it again")
        return nil
    }

    static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool, problems: inout ProblemList) -> String? {
        guard bytes.count % 2 == 0 else {
            problems.add(line: 1, column: 1, "the file is UTF-16 but has an odd number of bytes (truncated?)")
            return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var i = 2
        while i < bytes.count {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var line = 1
        var column = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\0" {
                    problems.add(line: line, column: column, "the file contains a NUL character; is it a text file?")
                    return nil
                }
                scalars.append(scalar)
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            case .emptyInput: break loop
            case .error:
                problems.add(
                    line: line, column: column, "the file is not valid UTF-16 (a lone surrogate); save it as UTF-8")
                return nil
            }
        }
        return String(scalars)
    }

    /// The index of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var rest = bytes.makeIterator()
        var i = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &rest) {
            case .valid(let scalar): i += scalar.count
            case .emptyInput: return nil
            case .error: return i
            }
        }
    }

    /// 1-based line and column (in characters, counted roughly by scalars) of byte `index`.
    static func place(of index: Int, in bytes: ArraySlice<UInt8>) -> (Int, Int) {
        var line = 1
        var start = bytes.startIndex
        for i in bytes.startIndex..<index where bytes[i] == 0x0A {
            line += 1
            start = i + 1
        }
        let column = bytes[start..<index].filter { $0 & 0xC0 != 0x80 }.count + 1
        return (line, column)
    }

    /// Lines without their terminators (LF, CRLF or CR), found in the UTF-8 bytes (not by grapheme: fast).
    static func lines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        let found = utf8.withContiguousStorageIfAvailable { bytes -> [Substring] in
            var lines: [Substring] = []
            var start = 0
            var i = 0
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            while i < bytes.count {
                let byte = bytes[i]
                guard byte == 0x0A || byte == 0x0D else {
                    i += 1
                    continue
                }
                lines.append(text[index(start)..<index(i)])
                i += byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
                start = i
            }
            lines.append(text[index(start)...])
            return lines
        }
        return found ?? lines(String(decoding: Array(utf8), as: UTF8.self))
    }

    /// Runs of spaces and tabs made one space (only copied when there is such a run).
    static func collapsingSpaces(_ text: String) -> String {
        let needed =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                var previous: UInt8 = 0x41
                for byte in bytes {
                    if byte == 0x09 || byte == 0x20 && previous == 0x20 { return true }
                    previous = byte
                }
                return false
            } ?? true
        guard needed else { return text }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (any Unicode space separator): what
    /// `trimmingCharacters(in: .whitespaces)` gives, without Foundation's copies.
    var trimmedSpaces: SubSequence {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s.value >= 0x80 && s.properties.generalCategory == .spaceSeparator
        }
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return self[start..<end]
    }
}
