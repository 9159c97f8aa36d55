/// Reads a REFI-QDA codebook (`.qdc`, or the `CodeBook` of a `project.qde`) into Viewpoints' two-level codebook,
/// leniently where other programs are sloppy, saying so in a warning for each thing it let pass.
public enum QDACodebookReader {
    /// The standard's namespaces.
    public static let codebookNamespace = "urn:QDA-XML:codebook:1.0"
    public static let projectNamespace = "urn:QDA-XML:project:1.0"

    /// What reading found: the codebook as rows (themes, then their propositions) and the warnings.
    public struct Result: Sendable {
        public var codebook: CodebookFile
        public var warnings: [ImportProblem]
        /// The key each code's GUID (lower case, no braces) maps to: a theme's, or the proposition's it is or was
        /// folded into.
        public var keys: [String: String] = [:]
    }

    /// Reads `bytes` of the file `file`; `strict` refuses hierarchies deeper than two levels instead of mapping them.
    public static func read(_ bytes: [UInt8], file: String, strict: Bool = false) throws(ImportFailure) -> Result {
        let root = try QDAElement.parse(bytes, file: file)
        var problems = ProblemList(file: file)
        var warnings = Warnings(file: file)
        guard let codebook = codebookElement(root, problems: &problems, warnings: &warnings) else {
            try problems.throwIfAny()
            throw ImportFailure(problems: [])
        }
        try problems.throwIfAny()
        checkSets(codebook, warnings: &warnings)
        guard let codes = codebook.child("Codes"), !codes.children("Code").isEmpty else {
            problems.add(
                line: codebook.line, column: 1,
                "<\(codebook.name)> has no <Codes> with a <Code>; there is nothing to import")
            try problems.throwIfAny()
            throw ImportFailure(problems: [])
        }
        var tree = QDACodeTree(file: file, strict: strict)
        for code in codes.children("Code") { tree.add(code, under: [], problems: &problems, warnings: &warnings) }
        try problems.throwIfAny()
        let (rows, keys) = tree.rows(warnings: &warnings)
        return Result(codebook: CodebookFile(path: file, rows: rows), warnings: warnings.list, keys: keys)
    }

    /// The `CodeBook` element: the root, or the child of a project's root; namespaces keyed on their prefix.
    static func codebookElement(
        _ root: QDAElement, problems: inout ProblemList, warnings: inout Warnings
    ) -> QDAElement? {
        let expected: String
        var element = root
        switch root.name {
        case "CodeBook": expected = codebookNamespace
        case "Project":
            expected = projectNamespace
            guard let inner = root.child("CodeBook") else {
                problems.add(line: root.line, column: 1, "the project has no <CodeBook>; there is nothing to import")
                return nil
            }
            element = inner
        default:
            problems.add(
                line: root.line, column: 1,
                "the root element is <\(root.name)>, not <CodeBook>; this is not a REFI-QDA codebook (.qdc)")
            return nil
        }
        let prefix = String(expected.dropLast(3))
        if root.namespace == expected { return element }
        if root.namespace.isEmpty {
            warnings.add(root.line, "<\(root.name)> has no namespace; read as \(expected)")
        } else if root.namespace.hasPrefix(prefix) {
            warnings.add(root.line, "namespace \(root.namespace) is not the standard's \(expected); read as it")
        } else {
            problems.add(
                line: root.line, column: 1,
                "namespace \(root.namespace) is not a REFI-QDA one (\(expected)); this is not a REFI-QDA file")
            return nil
        }
        return element
    }

    static func checkSets(_ codebook: QDAElement, warnings: inout Warnings) {
        guard let sets = codebook.child("Sets") else { return }
        let count = sets.children("Set").count
        if count == 0 {
            warnings.add(sets.line, "an empty <Sets/> (the schema wants at least one <Set>); ignored")
        } else {
            warnings.add(sets.line, "\(count) code set\(count == 1 ? "" : "s") ignored: Viewpoints has no code sets")
        }
    }
}

/// Warnings collected while reading, each at a line of the file.
struct Warnings {
    let file: String
    var list: [ImportProblem] = []
    var said: Set<String> = []

    init(file: String) { self.file = file }

    mutating func add(_ line: Int, _ message: String) {
        list.append(ImportProblem(file: file, line: line, column: 1, message: message))
    }

    /// Adds the warning of `kind` once per file.
    mutating func once(_ kind: String, _ line: Int, _ message: String) {
        if said.insert(kind).inserted { add(line, message) }
    }
}
