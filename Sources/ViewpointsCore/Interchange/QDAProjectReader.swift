/// Reads a REFI-QDA project: `project.qde` as bytes, and its `Sources/…` files through `source`.
public enum QDAProjectReader {
    /// Reads the project; `source` gives the bytes of an archive entry (`Sources/NAME`) or nil when it is absent.
    public static func read(
        _ bytes: [UInt8], file: String, strict: Bool = false, source: (String) -> [UInt8]?
    ) throws(ImportFailure) -> QDAProjectImport {
        let root = try QDAElement.parse(bytes, file: file)
        var problems = ProblemList(file: file)
        var warnings = Warnings(file: file)
        guard root.name == "Project" else {
            problems.add(
                line: root.line, column: 1,
                "the root element is <\(root.name)>, not <Project>; this is not a project.qde")
            try problems.throwIfAny()
            throw ImportFailure(problems: [])
        }
        if root.namespace != QDACodebookReader.projectNamespace {
            warnings.add(root.line, "namespace \(root.namespace) is not the standard's; read as it")
        }
        var result = QDAProjectImport()
        result.fromViewpoints = root.attributes["origin"] == "Viewpoints"
        if root.child("CodeBook") != nil {
            result.codebook = try QDACodebookReader.read(bytes, file: file, strict: strict)
        }
        let users = QDAUsers(root.child("Users"))
        result.coders = users.names
        let cases = QDACases(root)
        var context = QDASourceContext(
            file: file, keys: result.codebook?.keys ?? [:], users: users, cases: cases,
            viewpoints: result.fromViewpoints,
            codingUserVaries: Self.codingUserVaries(root))
        for element in root.child("Sources")?.children ?? [] {
            context.read(element, into: &result, problems: &problems, warnings: &warnings, source: source)
        }
        try problems.throwIfAny()
        result.participants = cases.participants(using: result.statements)
        result.warnings = (result.codebook?.warnings ?? []) + warnings.list
        return result
    }

    /// Whether the Codings' own creatingUser differs across the file (else it is the exporting user, as NVivo
    /// stamps it, and the selection's creatingUser names the coder).
    static func codingUserVaries(_ root: QDAElement) -> Bool {
        var users: Set<String> = []
        func visit(_ element: QDAElement) {
            if element.name == "Coding", let user = element.attributes["creatingUser"] {
                users.insert(NameUUID.normalized(user) ?? user)
            }
            element.children.forEach(visit)
        }
        root.child("Sources").map(visit)
        return users.count > 1
    }
}

/// The project's users as valid coder names (`Dr. Ayşe Khan` → `dr-ayse-khan`), de-duplicated.
struct QDAUsers {
    var byGUID: [String: String] = [:]
    var names: [String] = []

    init(_ users: QDAElement?) {
        var taken: Set<String> = []
        for user in users?.children("User") ?? [] {
            guard let guid = user.attributes["guid"].flatMap(NameUUID.normalized) else { continue }
            let raw = (user.attributes["name"] ?? user.attributes["id"] ?? "").trimmingCharacters(in: .whitespaces)
            var name = Self.isCoderName(raw) ? raw : QDAKey.word(raw, limit: 60)
            if name.isEmpty { name = "user-" + guid.prefix(8) }
            name = QDAKey.unique(name, taken)
            taken.insert(name)
            byGUID[guid] = name
            names.append(name)
        }
    }

    /// A name Viewpoints takes as it is: `^[A-Za-z0-9][A-Za-z0-9._-]*$`, at most 64 characters.
    static func isCoderName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64 else { return false }
        func alnum(_ s: Unicode.Scalar) -> Bool { s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)) }
        return alnum(first) && name.unicodeScalars.allSatisfy { alnum($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    /// The coder a user GUID names; an unknown GUID becomes `user-XXXXXXXX`.
    mutating func name(_ guid: String?) -> String {
        let key = guid.flatMap(NameUUID.normalized) ?? "00000000-0000-0000-0000-000000000000"
        if let name = byGUID[key] { return name }
        let name = "user-" + key.prefix(8)
        byGUID[key] = name
        names.append(name)
        return name
    }
}
