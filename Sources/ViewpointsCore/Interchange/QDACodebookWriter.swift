/// Writes a Viewpoints codebook as REFI-QDA XML: themes as codes that cannot be applied, propositions as codable
/// codes under them, each with a stable GUID (version 5 of the study's namespace and the key) and its definition
/// and key in `Description`.
public enum QDACodebookWriter {
    /// One code to write.
    public struct Code: Sendable, Equatable {
        public var key: String
        public var label: String
        public var description: String
        public var parent: String?

        public init(key: String, label: String, description: String, parent: String?) {
            self.key = key
            self.label = label
            self.description = description
            self.parent = parent
        }
    }

    /// The GUID of `key` in the study `slug`.
    public static func guid(study slug: String, key: String) -> String {
        NameUUID.text(NameUUID.v5(namespace: NameUUID.study(slug), name: "code:" + key))
    }

    /// A `.qdc` file: `<CodeBook xmlns="urn:QDA-XML:codebook:1.0">`, in codebook order.
    public static func codebook(_ codes: [Code], study slug: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<CodeBook xmlns=\"\(QDACodebookReader.codebookNamespace)\" origin=\"Viewpoints\">\n"
        xml += codesElement(codes, study: slug, indent: "  ")
        xml += "</CodeBook>\n"
        return xml
    }

    /// The `<Codes>` element (also used inside a project's `<CodeBook>`).
    static func codesElement(_ codes: [Code], study slug: String, indent: String) -> String {
        var xml = indent + "<Codes>\n"
        for theme in codes where theme.parent == nil {
            let propositions = codes.filter { $0.parent == theme.key }
            xml += codeElement(theme, study: slug, codable: false, indent: indent + "  ", closed: propositions.isEmpty)
            guard !propositions.isEmpty else { continue }
            for proposition in propositions {
                xml += codeElement(proposition, study: slug, codable: true, indent: indent + "    ", closed: true)
            }
            xml += indent + "  </Code>\n"
        }
        return xml + indent + "</Codes>\n"
    }

    static func codeElement(_ code: Code, study slug: String, codable: Bool, indent: String, closed: Bool) -> String {
        let description =
            code.description + (code.description.isEmpty ? "" : "\n\n") + QDACodeTree.keyMarker + code.key
        var xml =
            indent + "<Code guid=\"\(guid(study: slug, key: code.key))\" name=\"\(XMLText.attribute(code.label))\""
        xml += " isCodable=\"\(codable)\">\n"
        xml += indent + "  <Description>\(XMLText.content(description))</Description>\n"
        if closed { xml += indent + "</Code>\n" }
        return xml
    }
}
