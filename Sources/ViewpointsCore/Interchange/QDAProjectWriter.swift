/// Writes a `QDAProject` as `project.qde` (Project.xsd) and one plain-text source per participant.
///
/// Positions count Unicode code points (scalar values) from 0, the end exclusive, in the UTF-8 text of
/// `Sources/GUID.txt`. Stance, reviews with nothing applied and adjudications, which the standard has no element
/// for, are lines of each selection's `Description` (`coder-a: relations.lowest-since-9-11 +2`); the codes are
/// exactly the codebook's.
public enum QDAProjectWriter {
    /// The archive's contents: `project.qde` and `Sources/NAME` files.
    public struct Files: Sendable {
        public var project: String
        public var sources: [(name: String, text: String)]
    }

    public static func write(_ project: QDAProject) -> Files {
        var ids = QDAIdentifiers(slug: project.slug)
        let byParticipant = Dictionary(grouping: project.statements, by: \.pseudonym)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml +=
            "<Project xmlns=\"\(QDACodebookReader.projectNamespace)\" name=\"\(XMLText.attribute(projectName(project)))\""
        xml += " origin=\"Viewpoints\">\n"
        xml += users(project.coders, &ids)
        if !project.codes.isEmpty {
            xml += "  <CodeBook>\n" + QDACodebookWriter.codesElement(project.codes, study: project.slug, indent: "    ")
            xml += "  </CodeBook>\n"
        }
        xml += variablesAndCases(project, &ids)
        var sources: [(name: String, text: String)] = []
        if !project.statements.isEmpty {
            xml += "  <Sources>\n"
            for participant in project.participants {
                guard let statements = byParticipant[participant.pseudonym] else { continue }
                let source = textSource(participant.pseudonym, statements, project, &ids)
                xml += source.xml
                sources.append((name: source.file, text: source.text))
            }
            xml += "  </Sources>\n"
        }
        xml += "  <Description>\(XMLText.content(legend))</Description>\n"
        xml += "</Project>\n"
        return Files(project: xml, sources: sources)
    }

    static func projectName(_ project: QDAProject) -> String { project.title.isEmpty ? project.slug : project.title }

    /// What the project's `Description` says about how Viewpoints' data is carried.
    static let legend = """
        Exported by Viewpoints. Users are coders; Cases are participants (by pseudonym) with their attributes as \
        text variables; each participant has one text source holding their statements in order, separated by a \
        blank line; each statement is one PlainTextSelection (positions in Unicode code points, from 0, end \
        exclusive) with one Coding per coder and code (creatingUser = that coder). Its Description lists, one line \
        each: the statement's reference, question and source; each coder's decisions as "CODER: KEY STANCE, …" \
        (stance -2 strongly oppose, -1 oppose, 0 neutral or mixed, +1 support, +2 strongly support) or "CODER: \
        reviewed, nothing applied"; and each adjudication as "adjudicated by LEAD: KEY STANCE" or "KEY absent".
        """

    static func users(_ coders: [String], _ ids: inout QDAIdentifiers) -> String {
        guard !coders.isEmpty else { return "" }
        var xml = "  <Users>\n"
        for coder in coders {
            xml += "    <User guid=\"\(ids.user(coder))\" name=\"\(XMLText.attribute(coder))\"/>\n"
        }
        return xml + "  </Users>\n"
    }

    static func variablesAndCases(_ project: QDAProject, _ ids: inout QDAIdentifiers) -> String {
        let names = Set(project.participants.flatMap(\.attributes.keys)).sorted()
        var xml = ""
        if !names.isEmpty {
            xml += "  <Variables>\n"
            for name in names {
                xml += "    <Variable guid=\"\(ids.variable(name))\" name=\"\(XMLText.attribute(name))\""
                xml += " typeOfVariable=\"Text\"/>\n"
            }
            xml += "  </Variables>\n"
        }
        guard !project.participants.isEmpty else { return xml }
        let withText = Set(project.statements.map(\.pseudonym))
        xml += "  <Cases>\n"
        for participant in project.participants {
            xml += "    <Case guid=\"\(ids.participant(participant.pseudonym))\" name=\"\(participant.pseudonym)\">\n"
            for name in names {
                guard let value = participant.attributes[name] else { continue }
                xml += "      <VariableValue><VariableRef targetGUID=\"\(ids.variable(name))\"/>"
                xml += "<TextValue>\(XMLText.content(value))</TextValue></VariableValue>\n"
            }
            if withText.contains(participant.pseudonym) {
                xml += "      <SourceRef targetGUID=\"\(ids.source(participant.pseudonym))\"/>\n"
            }
            xml += "    </Case>\n"
        }
        return xml + "  </Cases>\n"
    }
}
