/// Reads one source of a project into statements and codings.
struct QDASourceContext {
    let file: String
    let keys: [String: String]
    var users: QDAUsers
    let cases: QDACases
    /// A project Viewpoints wrote: its selections are the statements and their descriptions carry stance.
    let viewpoints: Bool
    let codingUserVaries: Bool

    static let otherKinds = [
        "PDFSource": "PDF source", "PictureSource": "picture source", "AudioSource": "audio source",
        "VideoSource": "video source",
    ]

    /// One selection as found: its positions, line, creating user, codings (code GUID, coding's user) and
    /// description.
    struct Selection {
        var start: Int
        var end: Int
        var line: Int
        var name: String
        var user: String?
        var codings: [(code: String, user: String?)]
        var description: String
    }

    mutating func read(
        _ element: QDAElement, into result: inout QDAProjectImport, problems: inout ProblemList,
        warnings: inout Warnings, source: (String) -> [UInt8]?
    ) {
        guard element.name == "TextSource" else {
            let kind = Self.otherKinds[element.name] ?? "<\(element.name)> source"
            result.skipped[kind + " (not text)", default: 0] += 1
            return
        }
        let name = element.attributes["name"] ?? "source"
        guard let text = text(of: element, source: source, skipped: &result.skipped) else { return }
        let selections = element.children("PlainTextSelection").map(Self.selection)
        result.selections += selections.count
        guard let found = QDAText.detect(text, selections.map { ($0.start, $0.end) }) else {
            problems.add(
                line: selections.first?.line ?? element.line, column: 1,
                "the selections of source \(name) fit neither Unicode code points nor UTF-16 code units: with "
                    + "either, some start or end inside a word or past the text; nothing can be placed reliably")
            return
        }
        result.units.append((source: name, unit: found.unit))
        if found.unit != .codePoints, !selections.isEmpty {
            warnings.add(element.line, "source \(name): positions read as \(found.unit.rawValue)")
        }
        let normalized = element.attributes["guid"].flatMap(NameUUID.normalized)
        let guid = normalized ?? name
        let participant = cases.participant(ofSource: guid, name: name)
        // what statement ids start with: never the source's name, which is often a person's
        let key = normalized.map { String($0.prefix(8)) } ?? "n\(result.units.count)"
        let all = viewpoints ? found.placed.map { (start: $0.0, end: $0.1) } : Self.paragraphs(found.scalars)
        // blank paragraphs are no statements; the ranges kept are the statements, index for index
        let texts = all.map { range in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: found.scalars[range.start..<range.end])
            return String(view).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let kept = all.indices.filter { !texts[$0].isEmpty }
        let ranges = kept.map { all[$0] }
        let first = result.statements.count
        for index in kept {
            // a Viewpoints selection is one statement, named by its id
            let id = viewpoints && !selections[index].name.isEmpty ? selections[index].name : nil
            result.statements.append(
                .init(
                    participant: participant, source: name, text: texts[index], line: element.line, id: id,
                    sourceKey: key))
        }
        code(selections, placed: found.placed, ranges: ranges, first: first, into: &result)
    }

    static func selection(_ element: QDAElement) -> Selection {
        Selection(
            start: Int(element.attributes["startPosition"] ?? "") ?? -1,
            end: Int(element.attributes["endPosition"] ?? "") ?? -1, line: element.line,
            name: element.attributes["name"] ?? "",
            // MAXQDA may leave out creatingUser and give only modifyingUser
            user: element.attributes["creatingUser"] ?? element.attributes["modifyingUser"],
            codings: element.children("Coding").compactMap { coding in
                guard let code = coding.child("CodeRef")?.attributes["targetGUID"].flatMap(NameUUID.normalized)
                else { return nil }
                return (code, coding.attributes["creatingUser"])
            },
            description: element.child("Description")?.text ?? "")
    }

    /// The source's plain text: `PlainTextContent`, or the file `plainTextPath` names inside the archive.
    func text(of element: QDAElement, source: (String) -> [UInt8]?, skipped: inout [String: Int]) -> String? {
        if let content = element.child("PlainTextContent") { return content.text }
        // a path without a scheme is read as one inside the archive, as `internal://` is
        guard let path = element.attributes["plainTextPath"], path.hasPrefix("internal://") || !path.contains(":")
        else {
            skipped["text source outside the archive", default: 0] += 1
            return nil
        }
        // some programs write the path inside the archive with Windows separators
        let inside = (path.hasPrefix("internal://") ? String(path.dropFirst("internal://".count)) : path)
            .replacingOccurrences(of: "\\", with: "/")
        guard let bytes = source("Sources/" + inside) else {
            skipped["text source referenced but missing", default: 0] += 1
            return nil
        }
        guard let text = QDAText.decode(bytes) else {
            skipped["text source neither UTF-8 nor UTF-16", default: 0] += 1
            return nil
        }
        return text
    }

    /// Paragraphs: the runs of text between line breaks, as scalar ranges.
    static func paragraphs(_ scalars: [Unicode.Scalar]) -> [(start: Int, end: Int)] {
        var ranges: [(start: Int, end: Int)] = []
        var start = 0
        for (index, scalar) in scalars.enumerated() where scalar == "\n" || scalar == "\r" {
            if index > start { ranges.append((start, index)) }
            start = index + 1
        }
        if scalars.count > start { ranges.append((start, scalars.count)) }
        return ranges
    }
}
