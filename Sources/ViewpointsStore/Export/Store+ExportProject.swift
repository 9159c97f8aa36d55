import Foundation
import ViewpointsCore

extension Store {
    /// The study as a REFI-QDA project (lead only: it holds every coder's decisions), read in one snapshot.
    public func qdaProject(study: Study) throws -> QDAProject {
        try requireLead(study: study, for: "exporting the project")
        return try connection.transaction(readOnly: true, isolation: .repeatableRead, doing: "exporting the project") {
            let codes = try codes(study: study).map {
                QDACodebookWriter.Code(key: $0.key, label: $0.label, description: $0.description, parent: $0.parent)
            }
            let coders = try connection.query(ProjectQueries.coders, [study.id], doing: "listing coders")
                .decode(String.self)
            let participants = try connection.query(
                ParticipantQueries.export, [study.id], doing: "exporting participants"
            ).decode((String, String).self).map {
                QDAProject.Participant(pseudonym: $0.0, attributes: Store.decodeAttributes($0.1))
            }
            var statements = try projectStatements(study: study)
            try addDecisions(to: &statements, study: study)
            return QDAProject(
                slug: study.slug, title: study.title, codes: codes, coders: coders, participants: participants,
                statements: statements)
        }
    }

    func projectStatements(study: Study) throws -> [QDAProject.Statement] {
        try connection.query(StatementQueries.export, [study.id], doing: "exporting statements")
            .decode((String, String, Int, String, String, String).self).map {
                QDAProject.Statement(reference: $0.0, pseudonym: $0.1, question: $0.3, source: $0.4, text: $0.5)
            }
    }

    func addDecisions(to statements: inout [QDAProject.Statement], study: Study) throws {
        let index = Dictionary(statements.enumerated().map { ($1.reference, $0) }, uniquingKeysWith: { a, _ in a })
        let decisions = try connection.query(CodingQueries.exportCodings, [study.id], doing: "exporting codings")
            .decode((String, String, String?, String?, String).self)
        for (reference, coder, code, stance, _) in decisions {
            guard let at = index[reference] else { continue }
            statements[at].decisions.append(
                QDAProject.Decision(coder: coder, code: code, stance: stance.flatMap { Int($0) }))
        }
        let adjudications = try connection.query(
            ProjectQueries.adjudications, [study.id], doing: "exporting adjudications"
        ).decode((String, String, String, String?).self)
        for (reference, lead, code, stance) in adjudications {
            guard let at = index[reference] else { continue }
            statements[at].adjudications.append(
                QDAProject.Adjudication(lead: lead, code: code, stance: stance.flatMap { Int($0) }))
        }
    }

    /// Writes the study as a `.qdpx` (a ZIP of `project.qde` and `Sources/`) to `path`, through a temporary file
    /// renamed into place; returns what was written.
    @discardableResult
    public func exportQDAProject(study: Study, path: String, mode: UInt32 = 0o600) throws -> QDAProject {
        let project = try qdaProject(study: study)
        let files = QDAProjectWriter.write(project)
        try ZipFileWriter.write(path: path, mode: mode, what: "the project", entryPermissions: 0o644) { add in
            try add("project.qde", Data(files.project.utf8))
            for source in files.sources { try add(source.name, Data(source.text.utf8)) }
        }
        return project
    }
}
