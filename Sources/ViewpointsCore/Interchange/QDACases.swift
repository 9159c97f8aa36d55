/// The project's Cases: each a participant with its variables, and the sources it holds.
struct QDACases {
    struct Case {
        var name: String
        var attributes: [String: String]
        var line: Int
    }

    /// A variable's value given on a source (as MAXQDA writes them), for the source's participant.
    struct SourceValue {
        var name: String
        var value: String
        var line: Int
    }

    var cases: [Case] = []
    /// The case (index) each source GUID belongs to.
    var caseOfSource: [String: Int] = [:]
    /// Variables given on sources, by the participant (Case or source name) the source belongs to.
    var sourceValues: [String: [SourceValue]] = [:]
    /// Sources with variables that belong to more than one Case (their variables are left out).
    var sharedSources = 0

    init(_ root: QDAElement) {
        var variables: [String: String] = [:]
        for variable in root.child("Variables")?.children("Variable") ?? [] {
            if let guid = variable.attributes["guid"].flatMap(NameUUID.normalized) {
                variables[guid] = variable.attributes["name"] ?? guid
            }
        }
        var casesOfSource: [String: Int] = [:]
        for element in root.child("Cases")?.children("Case") ?? [] {
            let name = (element.attributes["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            cases.append(
                Case(
                    name: name.isEmpty ? "case-\(cases.count + 1)" : name,
                    attributes: Dictionary(
                        Self.values(of: element, variables).map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b }
                    ), line: element.line))
            for ref in element.children("SourceRef") {
                if let guid = ref.attributes["targetGUID"].flatMap(NameUUID.normalized) {
                    caseOfSource[guid] = cases.count - 1
                    casesOfSource[guid, default: 0] += 1
                }
            }
        }
        for source in root.child("Sources")?.children ?? [] {
            let values = Self.values(of: source, variables)
            guard !values.isEmpty else { continue }
            let name = source.attributes["name"] ?? "source"
            let guid = source.attributes["guid"].flatMap(NameUUID.normalized) ?? name
            guard casesOfSource[guid, default: 0] <= 1 else {
                sharedSources += 1
                continue
            }
            sourceValues[participant(ofSource: guid, name: name), default: []] += values
        }
    }

    /// The element's `VariableValue`s whose variable is declared, each at its line, its value trimmed.
    static func values(of element: QDAElement, _ variables: [String: String]) -> [SourceValue] {
        element.children("VariableValue").compactMap { value in
            guard let ref = value.child("VariableRef")?.attributes["targetGUID"].flatMap(NameUUID.normalized),
                let name = variables[ref], let content = value.children.first(where: { $0.name != "VariableRef" })
            else { return nil }
            return SourceValue(
                name: name, value: content.text.trimmingCharacters(in: .whitespacesAndNewlines), line: value.line)
        }
    }

    /// The participant a source's statements belong to: its Case, else the source itself.
    func participant(ofSource guid: String, name: String) -> String {
        caseOfSource[guid].map { cases[$0].name } ?? name
    }

    /// Participants: every Case, then each source without a Case that has statements; each with the variables
    /// given on its sources added to its own (a value that differs from one given before is warned about and left
    /// out: the Case's own, then the first source's, is kept).
    func participants(
        using statements: [QDAProjectImport.Statement], warnings: inout Warnings
    ) -> [QDAProjectImport.Participant] {
        var list = cases.map { QDAProjectImport.Participant(name: $0.name, attributes: $0.attributes, line: $0.line) }
        var seen = Set(list.map(\.name))
        for statement in statements where seen.insert(statement.participant).inserted {
            list.append(
                QDAProjectImport.Participant(name: statement.participant, attributes: [:], line: statement.line))
        }
        for index in list.indices {
            for value in sourceValues[list[index].name] ?? [] {
                guard let kept = list[index].attributes[value.name] else {
                    list[index].attributes[value.name] = value.value
                    continue
                }
                if kept != value.value {
                    warnings.add(
                        value.line,
                        "variable \(value.name) differs from the value its participant was given before (in its Case "
                            + "or an earlier source); the earlier value is kept")
                }
            }
        }
        return list
    }
}
