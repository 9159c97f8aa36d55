extension QDACodeTree {
    /// Puts the code at `path` into its theme or proposition, folding deeper levels into their proposition; returns
    /// where it went (the proposition for a code below the first level).
    mutating func place(
        _ path: [String], line: Int, description: String, problems: inout ProblemList, warnings: inout Warnings
    ) -> (theme: Int, proposition: Int?) {
        let theme = themeIndex(path[0], line: line)
        if path.count == 1 {
            claim(&themes[theme], line: line, description: description, path: path, problems: &problems)
            return (theme, nil)
        }
        let proposition = propositionIndex(theme, path[1], line: line)
        if path.count == 2 {
            claim(
                &themes[theme].propositions[proposition], line: line, description: description, path: path,
                problems: &problems)
            return (theme, proposition)
        }
        let shown = path.joined(separator: " / ")
        if strict {
            problems.add(
                line: line, column: 1,
                "code \(shown) is \(path.count) levels deep; Viewpoints has two (theme, proposition): move it up, "
                    + "or leave out --strict to fold it into \(path[0]) / \(path[1])")
            return (theme, proposition)
        }
        warnings.add(
            line,
            "code \(shown) is \(path.count) levels deep: folded into \(path[0]) / \(path[1]) (its name and "
                + "description are added to that proposition's description; --strict refuses this)")
        themes[theme].propositions[proposition].folded.append((shown, description))
        return (theme, proposition)
    }

    /// Marks a node as given by an element of the file, refusing a second element with the same name there.
    func claim(_ node: inout Node, line: Int, description: String, path: [String], problems: inout ProblemList) {
        if node.explicit {
            problems.add(
                line: line, column: 1,
                "a code named \(path.joined(separator: " / ")) is already on line \(node.line); names must be unique "
                    + "under one parent")
            return
        }
        node.explicit = true
        node.line = line
        node.description = description
    }

    mutating func themeIndex(_ name: String, line: Int) -> Int {
        if let found = themes.firstIndex(where: { $0.label.lowercased() == name.lowercased() }) { return found }
        themes.append(Node(label: name, line: line))
        return themes.count - 1
    }

    mutating func propositionIndex(_ theme: Int, _ name: String, line: Int) -> Int {
        let list = themes[theme].propositions
        if let found = list.firstIndex(where: { $0.label.lowercased() == name.lowercased() }) { return found }
        themes[theme].propositions.append(Node(label: name, line: line))
        return list.count
    }
}
