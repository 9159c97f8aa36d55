/// The project's Cases: each a participant with its variables, and the sources it holds.
struct QDACases {
    struct Case {
        var name: String
        var attributes: [String: String]
        var line: Int
    }

    var cases: [Case] = []
    /// The case (index) each source GUID belongs to.
    var caseOfSource: [String: Int] = [:]

    init(_ root: QDAElement) {
        var variables: [String: String] = [:]
        for variable in root.child("Variables")?.children("Variable") ?? [] {
            if let guid = variable.attributes["guid"].flatMap(NameUUID.normalized) {
                variables[guid] = variable.attributes["name"] ?? guid
            }
        }
        for element in root.child("Cases")?.children("Case") ?? [] {
            var attributes: [String: String] = [:]
            for value in element.children("VariableValue") {
                guard let ref = value.child("VariableRef")?.attributes["targetGUID"].flatMap(NameUUID.normalized),
                    let name = variables[ref], let content = value.children.first(where: { $0.name != "VariableRef" })
                else { continue }
                attributes[name] = content.text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let name = (element.attributes["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            cases.append(
                Case(name: name.isEmpty ? "case-\(cases.count + 1)" : name, attributes: attributes, line: element.line))
            for ref in element.children("SourceRef") {
                if let guid = ref.attributes["targetGUID"].flatMap(NameUUID.normalized) {
                    caseOfSource[guid] = cases.count - 1
                }
            }
        }
    }

    /// The participant a source's statements belong to: its Case, else the source itself.
    func participant(ofSource guid: String, name: String) -> String {
        caseOfSource[guid].map { cases[$0].name } ?? name
    }

    /// Participants: every Case, then each source without a Case that has statements.
    func participants(using statements: [QDAProjectImport.Statement]) -> [QDAProjectImport.Participant] {
        var list = cases.map { QDAProjectImport.Participant(name: $0.name, attributes: $0.attributes, line: $0.line) }
        var seen = Set(list.map(\.name))
        for statement in statements where seen.insert(statement.participant).inserted {
            list.append(
                QDAProjectImport.Participant(name: statement.participant, attributes: [:], line: statement.line))
        }
        return list
    }
}
