extension QDACodeTree {
    /// The codebook rows: each theme, then its propositions, keys from the description's key line when it has a
    /// valid one that fits, else made from the names.
    /// The rows, and the key each code's GUID maps to (a theme's key, or the proposition's it is or was folded into).
    func rows(warnings: inout Warnings) -> (rows: [CodebookFile.Row], keys: [String: String]) {
        var taken: Set<String> = []
        var themeKeys: [String?] = themes.map { node in
            guard let key = Self.marker(node.description), !key.contains("."), taken.insert(key).inserted else {
                return nil
            }
            return key
        }
        for (index, node) in themes.enumerated() where themeKeys[index] == nil {
            themeKeys[index] = uniqueKey(QDAKey.theme(node.label), node, &taken, &warnings)
        }
        var rows: [CodebookFile.Row] = []
        var propositionKeys: [[String]] = []
        for (index, theme) in themes.enumerated() {
            let themeKey = themeKeys[index]!
            rows.append(row(theme, key: themeKey, parent: nil))
            var keys: [String?] = theme.propositions.map { node in
                guard let key = Self.marker(node.description), key.hasPrefix(themeKey + "."),
                    taken.insert(key).inserted
                else { return nil }
                return key
            }
            for (position, node) in theme.propositions.enumerated() where keys[position] == nil {
                keys[position] = uniqueKey(themeKey + "." + QDAKey.proposition(node.label), node, &taken, &warnings)
            }
            for (position, node) in theme.propositions.enumerated() {
                rows.append(row(node, key: keys[position]!, parent: themeKey))
            }
            propositionKeys.append(keys.map { $0! })
        }
        let guidKeys = placeOf.mapValues { place in
            place.proposition.map { propositionKeys[place.theme][$0] } ?? themeKeys[place.theme]!
        }
        return (rows, guidKeys)
    }

    func uniqueKey(_ base: String, _ node: Node, _ taken: inout Set<String>, _ warnings: inout Warnings) -> String {
        let key = QDAKey.unique(base, taken)
        if key != base {
            warnings.add(node.line, "code \(node.label) makes the key \(base), which another code has; it is \(key)")
        }
        taken.insert(key)
        return key
    }

    func row(_ node: Node, key: String, parent: String?) -> CodebookFile.Row {
        var description = Self.withoutMarker(node.description)
        for folded in node.folded {
            let note = "Includes \(folded.path)" + (folded.description.isEmpty ? "." : ": " + folded.description)
            description += (description.isEmpty ? "" : "\n\n") + note
        }
        return CodebookFile.Row(
            line: node.line, key: key, label: node.label, description: description, parent: parent, keyColumn: 1,
            parentColumn: 1)
    }

    /// The key a description's last line names (`Viewpoints key: relations.lowest-since-9-11`), when valid.
    static func marker(_ description: String) -> String? {
        guard let last = description.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces),
            last.hasPrefix(keyMarker)
        else { return nil }
        let key = String(last.dropFirst(keyMarker.count))
        return Slug.isValidCodeKey(key) ? key : nil
    }

    /// The description without its key line.
    static func withoutMarker(_ description: String) -> String {
        guard marker(description) != nil else { return description }
        var lines = description.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        lines.removeLast()
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
