extension QDASourceContext {
    /// Each coded selection becomes its coder's coding of every statement it overlaps.
    mutating func code(
        _ selections: [Selection], placed: [(Int, Int)], ranges: [(start: Int, end: Int)], first: Int,
        into result: inout QDAProjectImport
    ) {
        var seen: Set<String> = []
        var coders: [String] = []
        for (index, selection) in selections.enumerated() {
            let (start, end) = placed[index]
            let overlapped = ranges.indices.filter { ranges[$0].start < max(end, start + 1) && ranges[$0].end > start }
                .map { first + $0 }
            let stances = viewpoints ? Self.stances(selection.description) : [:]
            if selection.codings.isEmpty && !viewpoints {
                // MAXQDA writes memos, NVivo annotations, as selections without a Coding
                result.skipped["selection without a coding (a memo or annotation)", default: 0] += 1
            }
            for coding in selection.codings {
                let coder = users.name(codingUserVaries ? coding.user ?? selection.user : selection.user ?? coding.user)
                guard let key = keys[coding.code] else {
                    result.skipped["coding of a code not in the codebook", default: 0] += 1
                    continue
                }
                guard key.contains(".") else {
                    result.skipped["coding on a theme (themes are not coded)", default: 0] += 1
                    continue
                }
                for statement in overlapped where seen.insert("\(statement) \(coder) \(key)").inserted {
                    result.codings.append(
                        .init(
                            statement: statement, coder: coder, key: key, stance: stances[coder + " " + key] ?? 0,
                            line: selection.line))
                    if seen.insert("\(statement) \(coder)").inserted { result.reviews.append((statement, coder)) }
                }
                if !coders.contains(coder) { coders.append(coder) }
            }
            if viewpoints {
                viewpointsLines(
                    selection.description, statements: overlapped, line: selection.line, seen: &seen, into: &result)
            }
        }
        guard !viewpoints else { return }
        // a coder who coded in a source read all of it: its other paragraphs are "reviewed, nothing applied", so
        // reliability and consensus see their "no" as well as their "yes"
        for coder in coders {
            for statement in first..<(first + ranges.count) where seen.insert("\(statement) \(coder)").inserted {
                result.reviews.append((statement, coder))
            }
        }
    }

    /// `CODER: key +2, key 0` lines of a Viewpoints description, as "CODER key" → stance.
    static func stances(_ description: String) -> [String: Int] {
        var stances: [String: Int] = [:]
        for line in description.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("adjudicated by ") else { continue }
            let coder = String(line[..<colon])
            for item in line[line.index(after: colon)...].split(separator: ",") {
                let parts = item.split(separator: " ")
                if parts.count == 2, let stance = Int(parts[1].replacingOccurrences(of: "+", with: "")) {
                    stances[coder + " " + parts[0]] = stance
                }
            }
        }
        return stances
    }

    /// Reviews with nothing applied and adjudications, from a Viewpoints description.
    func viewpointsLines(
        _ description: String, statements: [Int], line: Int, seen: inout Set<String>,
        into result: inout QDAProjectImport
    ) {
        guard let statement = statements.first else { return }
        let selectionLine = line
        for line in description.split(separator: "\n") {
            if line.hasSuffix(": reviewed, nothing applied") {
                let coder = String(line.dropLast(": reviewed, nothing applied".count))
                if seen.insert("\(statement) \(coder)").inserted { result.reviews.append((statement, coder)) }
            } else if line.hasPrefix("adjudicated by "), let colon = line.firstIndex(of: ":") {
                let lead = String(line[line.index(line.startIndex, offsetBy: 15)..<colon])
                let parts = line[line.index(after: colon)...].split(separator: " ")
                guard parts.count == 2 else { continue }
                let stance = parts[1] == "absent" ? nil : Int(parts[1].replacingOccurrences(of: "+", with: ""))
                result.adjudications.append(
                    .init(statement: statement, lead: lead, key: String(parts[0]), stance: stance, line: selectionLine))
            }
        }
    }
}
