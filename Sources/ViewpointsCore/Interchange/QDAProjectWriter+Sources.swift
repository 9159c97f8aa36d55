import Foundation

extension QDAProjectWriter {
    /// One participant's `TextSource`: their statements' text, a selection per statement, a coding per decision.
    static func textSource(
        _ pseudonym: String, _ statements: [QDAProject.Statement], _ project: QDAProject, _ ids: inout QDAIdentifiers
    ) -> (xml: String, file: String, text: String) {
        let guid = ids.source(pseudonym)
        let file = guid + ".txt"
        var xml = "    <TextSource guid=\"\(guid)\" name=\"\(pseudonym)\" plainTextPath=\"internal://\(file)\">\n"
        var text = ""
        var position = 0
        for (index, statement) in statements.enumerated() {
            if index > 0 {
                text += QDAProject.separator
                position += QDAProject.separator.unicodeScalars.count
            }
            let length = statement.text.unicodeScalars.count
            text += statement.text
            xml += selection(statement, start: position, end: position + length, project: project, &ids)
            position += length
        }
        return (xml + "    </TextSource>\n", "Sources/" + file, text)
    }

    static func selection(
        _ statement: QDAProject.Statement, start: Int, end: Int, project: QDAProject, _ ids: inout QDAIdentifiers
    ) -> String {
        var xml = "      <PlainTextSelection guid=\"\(ids.selection(statement.reference))\""
        xml +=
            " name=\"\(XMLText.attribute(statement.reference))\" startPosition=\"\(start)\" endPosition=\"\(end)\">\n"
        xml += "        <Description>\(XMLText.content(description(statement)))</Description>\n"
        for decision in statement.decisions {
            guard let code = decision.code else { continue }
            xml += "        <Coding guid=\"\(ids.coding(statement.reference, decision.coder, code))\""
            xml += " creatingUser=\"\(ids.user(decision.coder))\">"
            xml += "<CodeRef targetGUID=\"\(QDACodebookWriter.guid(study: project.slug, key: code))\"/></Coding>\n"
        }
        return xml + "      </PlainTextSelection>\n"
    }

    /// The selection's description: reference, question and source, each coder's decisions, the adjudications.
    static func description(_ statement: QDAProject.Statement) -> String {
        var lines = ["Viewpoints statement \(statement.reference)"]
        if !statement.question.isEmpty { lines.append("question: " + oneLine(statement.question)) }
        if !statement.source.isEmpty { lines.append("source: " + oneLine(statement.source)) }
        var coders: [String] = []
        for decision in statement.decisions where !coders.contains(decision.coder) { coders.append(decision.coder) }
        for coder in coders {
            let applied = statement.decisions.filter { $0.coder == coder && $0.code != nil }
                .map { "\($0.code!) \(stance($0.stance ?? 0))" }
            lines.append(
                "\(coder): " + (applied.isEmpty ? "reviewed, nothing applied" : applied.joined(separator: ", ")))
        }
        for adjudication in statement.adjudications {
            let decision =
                adjudication.stance.map { "\(adjudication.code) \(stance($0))" } ?? "\(adjudication.code) absent"
            lines.append("adjudicated by \(adjudication.lead): \(decision)")
        }
        return lines.joined(separator: "\n")
    }

    /// A stance with its sign: `+2`, `0`, `-1`.
    static func stance(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// The GUIDs of a study's export: version 5 UUIDs of the study's namespace and what each element stands for, so the
/// same study exports the same GUIDs.
struct QDAIdentifiers {
    let namespace: UUID

    init(slug: String) { namespace = NameUUID.study(slug) }

    func guid(_ name: String) -> String { NameUUID.text(NameUUID.v5(namespace: namespace, name: name)) }
    func user(_ coder: String) -> String { guid("user:" + coder) }
    func variable(_ name: String) -> String { guid("variable:" + name) }
    func participant(_ pseudonym: String) -> String { guid("case:" + pseudonym) }
    func source(_ pseudonym: String) -> String { guid("source:" + pseudonym) }
    func selection(_ reference: String) -> String { guid("selection:" + reference) }
    func coding(_ reference: String, _ coder: String, _ code: String) -> String {
        guid("coding:" + reference + "\u{1F}" + coder + "\u{1F}" + code)
    }
}
