import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One element of a REFI-QDA (QDA-XML) document: its local name, namespace, attributes, children and text, and the
/// line its start tag begins on.
public struct QDAElement: Sendable, Equatable {
    public var name: String
    public var namespace: String
    public var attributes: [String: String]
    public var children: [QDAElement]
    /// The element's own character data (not its children's), as the parser delivered it.
    public var text: String
    /// 1-based line of the `<` that opens the element.
    public var line: Int

    /// The first child called `name`.
    public func child(_ name: String) -> QDAElement? { children.first { $0.name == name } }

    /// Every child called `name`, in document order.
    public func children(_ name: String) -> [QDAElement] { children.filter { $0.name == name } }

    /// Reads a QDA-XML document into a tree. A document type declaration is refused before parsing: REFI-QDA files
    /// have none, and one is how entity expansion ("billion laughs") and external entities get in.
    public static func parse(_ bytes: [UInt8], file: String) throws(ImportFailure) -> QDAElement {
        var problems = ProblemList(file: file)
        if let offset = declarationOffset(bytes) {
            let (line, column) = LineIndex(bytes).place(ofOffset: offset)
            problems.add(
                line: line, column: column,
                "the file declares a document type (<!DOCTYPE or <!ENTITY); REFI-QDA files have none, and entities "
                    + "are refused because they can expand without bound or read other files")
            try problems.throwIfAny()
        }
        let builder = TreeBuilder(bytes: bytes)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let finished = parser.parse()
        if !finished || parser.parserError != nil || builder.root == nil {
            let code = (parser.parserError as NSError?)?.code ?? 0
            problems.add(
                line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1),
                "the file is not well-formed XML (\(wellFormednessMessage(code))); save it again from the program "
                    + "that made it, or check it with xmllint")
            try problems.throwIfAny()
        }
        return builder.root!
    }

    /// Offset of `<!DOCTYPE` or `<!ENTITY`, if the document has one.
    static func declarationOffset(_ bytes: [UInt8]) -> Int? {
        let markers = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]
        guard bytes.count >= 8 else { return nil }
        for start in 0..<(bytes.count - 7) where bytes[start] == 0x3C && bytes[start + 1] == 0x21 {
            for marker in markers where start + marker.count <= bytes.count {
                if bytes[start..<(start + marker.count)].elementsEqual(marker) { return start }
            }
        }
        return nil
    }

    static func wellFormednessMessage(_ code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5: return "content after the root element"
        case 9: return "a character XML does not allow"
        case 41, 42: return "an attribute is missing its value or given twice"
        case 73, 76: return "a tag is not closed, or closed by the wrong name"
        case 77: return "the file ends inside an element"
        default: return "libxml2 error \(code)"
        }
    }
}

/// Line starts of a byte buffer, to turn the parser's (line, column) or an offset into a place in the file.
struct LineIndex {
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.starts = starts
    }

    /// 1-based line and column (in bytes) of `offset`.
    func place(ofOffset offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }

    /// Offset of a 1-based line and column, clamped to the buffer.
    func offset(line: Int, column: Int) -> Int {
        let start = starts[min(max(line, 1), starts.count) - 1]
        return start + max(column - 1, 0)
    }
}

/// Builds the element tree from XMLParser's events.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let bytes: [UInt8]
    let lines: LineIndex
    var stack: [QDAElement] = []
    var root: QDAElement?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        lines = LineIndex(bytes)
    }

    /// The parser reports where a start tag ends; the tag begins at the `<` before that (attribute values cannot
    /// hold a raw `<`).
    func startLine(_ parser: XMLParser) -> Int {
        var offset = min(lines.offset(line: parser.lineNumber, column: parser.columnNumber), bytes.count - 1)
        while offset > 0 && bytes[offset] != 0x3C { offset -= 1 }
        return lines.place(ofOffset: offset).line
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        stack.append(
            QDAElement(
                name: elementName, namespace: namespaceURI ?? "", attributes: attributes, children: [], text: "",
                line: startLine(parser)))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: block, as: UTF8.self) }
    }
}
