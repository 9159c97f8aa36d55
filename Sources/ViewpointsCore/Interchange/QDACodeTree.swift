/// The codes of a REFI-QDA codebook gathered into themes and propositions: names split at `\` or `/`, levels below
/// the second folded into their proposition, GUIDs and names checked for duplicates.
struct QDACodeTree {
    struct Node {
        var label: String
        var line: Int
        var description = ""
        var explicit = false
        /// Codes deeper than two levels folded into this proposition: their path and description.
        var folded: [(path: String, description: String)] = []
        var propositions: [Node] = []
    }

    let file: String
    let strict: Bool
    var themes: [Node] = []
    var guids: [String: Int] = [:]
    /// Where each code's GUID landed: its theme and, below the first level, its proposition.
    var placeOf: [String: (theme: Int, proposition: Int?)] = [:]

    init(file: String, strict: Bool) {
        self.file = file
        self.strict = strict
    }

    /// The line that says where a description's key is kept: `Viewpoints key: theme.proposition`.
    static let keyMarker = "Viewpoints key: "

    /// Adds `code` found under the levels `parent` (names) and, recursively, its children.
    mutating func add(
        _ code: QDAElement, under parent: [String], problems: inout ProblemList, warnings: inout Warnings
    ) {
        let guid = checkGUID(code, problems: &problems, warnings: &warnings)
        let name = (code.attributes["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            problems.add(line: code.line, column: 1, "<Code> has no name; give every code a name")
            return
        }
        let segments = Self.segments(name)
        if segments.count > 1 {
            warnings.once(
                "paths", code.line,
                "code names carry a hierarchy as a path (\(name)); read as levels \(segments.joined(separator: " → "))")
        }
        let path = parent + segments
        let description = (code.child("Description")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let placed = place(path, line: code.line, description: description, problems: &problems, warnings: &warnings)
        if let guid { placeOf[guid] = placed }
        for child in code.children("Code") { add(child, under: path, problems: &problems, warnings: &warnings) }
    }

    mutating func checkGUID(_ code: QDAElement, problems: inout ProblemList, warnings: inout Warnings) -> String? {
        guard let raw = code.attributes["guid"] else {
            problems.add(line: code.line, column: 1, "<Code> has no guid attribute; every code needs one")
            return nil
        }
        guard let guid = NameUUID.normalized(raw) else {
            problems.add(line: code.line, column: 1, "guid \"\(raw)\" is not a GUID (8-4-4-4-12 hexadecimal digits)")
            return nil
        }
        if guid != raw {
            warnings.once("guid", code.line, "GUIDs in upper case or in braces (\(raw)); read as \(guid)")
        }
        if let earlier = guids[guid] {
            problems.add(
                line: code.line, column: 1,
                "guid \(guid) is already the guid of the code on line \(earlier); GUIDs must be unique")
        } else {
            guids[guid] = code.line
        }
        return guid
    }

    /// A name split at `\`, and at `/` unless the slash is between two digits (`9/11`) or ends a lower-case word of
    /// at most three letters before another lower-case letter (`and/or`, `his/her`).
    static func segments(_ name: String) -> [String] {
        let characters = Array(name)
        var parts: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            var separates = character == "\\"
            if character == "/", index > 0, index + 1 < characters.count {
                let before = characters[index - 1]
                let after = characters[index + 1]
                let word = characters[..<index].reversed().prefix { $0.isLetter }
                let shortWord = word.count <= 3 && word.allSatisfy(\.isLowercase) && after.isLowercase
                separates = !(before.isNumber && after.isNumber) && !shortWord
            }
            if separates {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        let trimmed = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return trimmed.isEmpty ? [name] : trimmed
    }
}
