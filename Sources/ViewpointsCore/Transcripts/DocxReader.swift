import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Word documents (WordprocessingML in a ZIP): the body's paragraphs in order, a speaker as a leading label or a
/// leading bold run (`**Ayesha:**` as Word writes it), tracked insertions kept and deletions dropped; comments,
/// footnotes, headers and footers left out and counted. The ZIP is read in memory with limits, so a ZIP bomb, a
/// truncated archive or an XML entity trick is refused, never expanded.
struct DocxReader {
    /// The largest `word/document.xml` read, in bytes (checked while inflating, whatever the ZIP claims).
    static let largestDocument = 64 << 20
    static let mostEntries = 10_000

    func read(_ bytes: [UInt8], file: String, problems: inout ProblemList) -> Transcript? {
        guard let xml = documentXML(bytes, problems: &problems) else { return nil }
        var transcript = Transcript(file: file)
        if let doctype = Self.firstDoctype(xml.document) {
            problems.add(
                line: 1, column: 1,
                "word/document.xml declares a DTD (\(doctype)); Word never writes one, and entity declarations can "
                    + "expand without bound, so the file is refused")
            return nil
        }
        let paragraphs = WordParagraphs()
        let parser = XMLParser(data: xml.document)
        parser.shouldResolveExternalEntities = false
        parser.delegate = paragraphs
        guard parser.parse() else {
            problems.add(
                line: parser.lineNumber, column: parser.columnNumber,
                "word/document.xml is not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "unknown error"))")
            return nil
        }
        for (kind, count) in paragraphs.leftOut { transcript.leave(kind, count) }
        transcript.leave("headers and footers", xml.headersAndFooters)
        var orphans = 0
        for (index, paragraph) in paragraphs.paragraphs.enumerated() {
            if !add(paragraph, number: index + 1, to: &transcript) { orphans += 1 }
        }
        transcript.leave("paragraphs before the first speaker", orphans)
        transcript.turns.removeAll { $0.paragraphs.isEmpty }
        return transcript
    }

    /// Adds paragraph `number` (its place in the document, used as its line): a speaker's label starts a turn,
    /// other text continues the last one. False for text before any speaker.
    func add(_ paragraph: WordParagraph, number: Int, to transcript: inout Transcript) -> Bool {
        let text = String(paragraph.text.trimmedSpaces)
        guard !text.isEmpty else { return true }
        var label = SpeakerLabel.parse(Substring(text))
        if label == nil, let bold = paragraph.boldPrefix, bold.count < text.count {
            // `Ayesha Khan` in bold, then the words: the bold run is the speaker
            let name = bold.trimmedSpaces.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            if SpeakerLabel.isName(Substring(name)) {
                let rest = text.dropFirst(bold.trimmedSpaces.count)
                label = SpeakerLabel(
                    time: nil, speaker: name, column: 1,
                    rest: rest.drop(while: { $0 == ":" || $0 == " " || $0 == "\t" }))
            }
        }
        guard let label else { return transcript.add(TranscriptParagraph(text: text, line: number), speaker: nil) }
        let words = String(label.rest.trimmedSpaces)
        if words.isEmpty {
            transcript.turns.append(TranscriptTurn(speaker: label.speaker, line: number, paragraphs: []))
            return true
        }
        return transcript.add(
            TranscriptParagraph(text: words, line: number, time: label.time), speaker: label.speaker)
    }

    /// `word/document.xml` and the number of header and footer parts, or nil with a problem.
    func documentXML(_ bytes: [UInt8], problems: inout ProblemList) -> (document: Data, headersAndFooters: Int)? {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            problems.add(line: 1, column: 1, "not a readable .docx: the ZIP archive is damaged or truncated")
            return nil
        }
        var entries: [Entry] = []
        for entry in archive {
            entries.append(entry)
            guard entries.count <= Self.mostEntries else {
                problems.add(line: 1, column: 1, "the .docx holds over \(Self.mostEntries) parts; refused")
                return nil
            }
        }
        let headers = entries.filter {
            $0.path.hasPrefix("word/header") || $0.path.hasPrefix("word/footer")
        }.count
        guard let entry = entries.first(where: { $0.path == "word/document.xml" }) else {
            problems.add(line: 1, column: 1, "not a Word document: the .docx has no word/document.xml")
            return nil
        }
        guard let document = extract(entry, from: archive, problems: &problems) else { return nil }
        return (document, headers)
    }

    /// The entry's bytes, inflated with a limit on what comes out (a ZIP bomb claims a small size and inflates to
    /// gigabytes: the limit counts what arrives, not what the archive says).
    func extract(_ entry: Entry, from archive: Archive, problems: inout ProblemList) -> Data? {
        let limit = Self.largestDocument
        let tooLarge =
            "word/document.xml inflates to over \(limit >> 20) MB (compressed: \(entry.compressedSize) bytes); "
            + "a transcript is far smaller, so the file is refused (a ZIP bomb?)"
        guard entry.uncompressedSize <= UInt64(limit) else {
            problems.add(line: 1, column: 1, tooLarge)
            return nil
        }
        var data = Data()
        struct Overflow: Error {}
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw Overflow() }
                data.append(chunk)
            }
        } catch is Overflow {
            problems.add(line: 1, column: 1, tooLarge)
            return nil
        } catch {
            problems.add(line: 1, column: 1, "word/document.xml cannot be inflated: the .docx is damaged (\(error))")
            return nil
        }
        return data
    }

    /// `<!DOCTYPE …` or `<!ENTITY …` in the XML, if any (searched in the prolog and throughout).
    static func firstDoctype(_ xml: Data) -> String? {
        for marker in ["<!DOCTYPE", "<!ENTITY"] where xml.range(of: Data(marker.utf8)) != nil {
            return marker
        }
        return nil
    }
}

/// One `w:p`: its text and the text of its leading bold runs.
struct WordParagraph {
    var text = ""
    /// The text of the runs at the paragraph's start that are bold, when the first run is.
    var boldPrefix: String?
}

/// Reads `w:p` paragraphs from document.xml as a SAX delegate: text of `w:t` (and `w:tab`, `w:br`, `w:cr`,
/// `w:noBreakHyphen`), inside `w:ins` kept, inside `w:del` dropped; field codes, comments, footnote references,
/// text boxes and alternate content fallbacks left out.
final class WordParagraphs: NSObject, XMLParserDelegate {
    var paragraphs: [WordParagraph] = []
    var leftOut: [String: Int] = [:]
    var current: WordParagraph?
    var inText = false
    /// Depth inside elements whose text is not speech (`w:del`, `w:instrText`, `mc:Fallback`, `w:txbxContent`).
    var skipping = 0
    var runBold = false
    var inRunProperties = false
    /// Whether bold runs may still extend the paragraph's bold prefix.
    var boldOpen = true
    var nesting = 0

    static let skipped: Set<String> = ["del", "delText", "instrText", "Fallback", "txbxContent"]

    static func local(_ name: String) -> Substring {
        name.firstIndex(of: ":").map { name[name.index(after: $0)...] } ?? Substring(name)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = Self.local(elementName)
        if Self.skipped.contains(String(name)) {
            skipping += 1
            if name == "txbxContent" { leftOut["text boxes", default: 0] += 1 }
            if name == "del" { leftOut["tracked deletions", default: 0] += 1 }
            return
        }
        switch name {
        case "commentReference": leftOut["comments", default: 0] += 1
        case "footnoteReference": leftOut["footnotes", default: 0] += 1
        case "endnoteReference": leftOut["endnotes", default: 0] += 1
        default: break
        }
        guard skipping == 0 else { return }
        startElement(name, attributes: attributes)
    }

    func startElement(_ name: Substring, attributes: [String: String]) {
        switch name {
        case "p":
            nesting += 1
            if nesting == 1 { current = WordParagraph() }
            boldOpen = true
        case "r": runBold = false
        case "rPr": inRunProperties = true
        case "b" where inRunProperties:
            let value = attributes.first { Self.local($0.key) == "val" }?.value ?? "true"
            runBold = !["0", "false", "off"].contains(value)
        case "t": inText = true
        case "tab": append("\t")
        case "br", "cr": append(" ")
        case "noBreakHyphen": append("-")
        default: break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        let name = Self.local(elementName)
        if Self.skipped.contains(String(name)) {
            skipping -= 1
            return
        }
        guard skipping == 0 else { return }
        switch name {
        case "p":
            nesting -= 1
            if nesting == 0, let paragraph = current {
                paragraphs.append(paragraph)
                current = nil
            }
        case "rPr": inRunProperties = false
        case "t": inText = false
        case "r":
            if current?.text.isEmpty == false && !runBold { boldOpen = false }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && skipping == 0 { append(string) }
    }

    func append(_ text: String) {
        guard current != nil else { return }
        if runBold && boldOpen {
            current!.boldPrefix = (current!.boldPrefix ?? "") + text
        } else if current!.boldPrefix == nil && !text.allSatisfy(\.isWhitespace) {
            boldOpen = false
        }
        current!.text += text
    }
}
