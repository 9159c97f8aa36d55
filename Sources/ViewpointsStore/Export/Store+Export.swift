import ViewpointsCore

extension Store {
    /// Participants as `pseudonym` plus one column per attribute (sorted by name).
    public func exportParticipants(study: Study, _ body: ([String]) throws -> Void) throws {
        let decoded = try connection.query(ParticipantQueries.export, [study.id], doing: "exporting participants")
            .decode((String, String).self).map { (pseudonym: $0.0, attributes: Store.decodeAttributes($0.1)) }
        let names = Set(decoded.flatMap(\.attributes.keys)).sorted()
        try body(["pseudonym"] + names)
        for row in decoded { try body([row.pseudonym] + names.map { row.attributes[$0] ?? "" }) }
    }

    /// Statements as `statement,participant,seq,question,source,text`, in participant and seq order.
    public func exportStatements(study: Study, _ body: ([String]) throws -> Void) throws {
        try body(["statement", "participant", "seq", "question", "source", "text"])
        try connection.forEachRow(StatementQueries.export, [study.id], doing: "exporting statements") { row in
            try body(row.map { $0 ?? "" })
        }
    }

    /// The codebook as `key,label,description,parent,number`, in codebook order.
    public func exportCodebook(study: Study, _ body: ([String]) throws -> Void) throws {
        try body(["key", "label", "description", "parent", "number"])
        for code in try codes(study: study) {
            try body([code.key, code.label, code.description, code.parent ?? "", String(code.number)])
        }
    }
}

extension Store {
    /// The codebook as a REFI-QDA `.qdc` document (Codebook.xsd), GUIDs stable for the study and each key.
    public func exportQDACodebook(study: Study) throws -> String {
        let codes = try codes(study: study).map {
            QDACodebookWriter.Code(key: $0.key, label: $0.label, description: $0.description, parent: $0.parent)
        }
        guard !codes.isEmpty else {
            // Codebook.xsd requires at least one <Code>: an empty file would not open elsewhere
            throw StoreError(
                .data, "the codebook of \(study.slug) is empty; a REFI-QDA codebook needs at least one code",
                hint: "import one first: viewpoints import codebook FILE")
        }
        return QDACodebookWriter.codebook(codes, study: study.slug)
    }
}
