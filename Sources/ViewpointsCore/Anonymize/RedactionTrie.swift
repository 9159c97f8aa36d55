/// The redactor's keys (identifying values, name parts, terms) as a trie of tokens.
///
/// A token is a lowercased word (letters, digits, combining marks), one punctuation scalar, or `" "` standing
/// for any run of white space. Word tokens are compared as Swift strings, so canonically equivalent spellings
/// (precomposed or decomposed `ë`) match. The first word of every key is also in an `ASCIIWordTable`.
struct RedactionTrie: Sendable {
    /// What a key is replaced with; a lower rank wins when two keys are identical.
    struct Payload: Sendable {
        var kind: RedactionKind
        var replacement: String
        var bytes: [UInt8]
        var rank: Int
    }

    /// One trie node: the tokens that may follow and the payload of the key ending here (-1: none).
    struct Node: Sendable {
        var children: [String: Int32] = [:]
        var payload: Int32 = -1
    }

    static let spaceToken = " "
    static let emailPayload: Int32 = 0
    static let phonePayload: Int32 = 1
    static let fullValueRank = 0
    static let uniquePartRank = 1
    static let sharedPartRank = 2
    static let termRank = 3

    private(set) var nodes: [Node] = []
    private(set) var payloads: [Payload] = []
    private(set) var rootWords: [String: Int32] = [:]
    private(set) var rootPunctuation: [String: Int32] = [:]
    private(set) var punctuationStartsASCII = [Bool](repeating: false, count: 128)
    private(set) var hasNonASCIIPunctuationStart = false
    private(set) var table = ASCIIWordTable([])
    private var payloadIndex: [String: Int32] = [:]

    init() {
        _ = payload(kind: .email, replacement: "[EMAIL]", rank: -2)
        _ = payload(kind: .phone, replacement: "[PHONE]", rank: -1)
    }

    /// Adds a key; an identical key keeps the lower rank, and two participants' full values collide to `[NAME]`.
    mutating func insert(tokens: [String], kind: RedactionKind, replacement: String, rank: Int) {
        guard let first = tokens.first else { return }
        let isWord = first.unicodeScalars.first.map { ScalarClass.isWord($0.value) } ?? false
        var node: Int32
        if let existing = isWord ? rootWords[first] : rootPunctuation[first] {
            node = existing
        } else {
            node = newNode()
            if isWord {
                rootWords[first] = node
            } else {
                rootPunctuation[first] = node
                if let scalar = first.unicodeScalars.first, scalar.isASCII {
                    punctuationStartsASCII[Int(scalar.value)] = true
                } else {
                    hasNonASCIIPunctuationStart = true
                }
            }
        }
        for token in tokens.dropFirst() {
            if let child = nodes[Int(node)].children[token] {
                node = child
            } else {
                let child = newNode()
                nodes[Int(node)].children[token] = child
                node = child
            }
        }
        var chosen = payload(kind: kind, replacement: replacement, rank: rank)
        let current = nodes[Int(node)].payload
        if current >= 0 {
            let old = payloads[Int(current)]
            if old.rank < rank {
                chosen = current
            } else if old.rank == rank && old.replacement != replacement {
                chosen = payload(kind: .sharedName, replacement: "[NAME]", rank: rank)
            }
        }
        nodes[Int(node)].payload = chosen
    }

    /// Builds the ASCII lookup table; call once after all inserts.
    mutating func finish() {
        var entries: [(key: [UInt8], node: Int32)] = []
        for (word, node) in rootWords where word.utf8.allSatisfy({ $0 < 0x80 }) {
            entries.append((Array(word.utf8), node))
        }
        table = ASCIIWordTable(entries)
    }

    /// The tokens of a key: lowercased words, punctuation scalars and single `" "` for white space runs.
    static func tokenize(_ key: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        var pendingSpace = false
        func flushWord() {
            guard !word.isEmpty else { return }
            tokens.append(String(word).lowercased())
            word = String.UnicodeScalarView()
        }
        for scalar in key.unicodeScalars {
            if scalar.properties.isWhitespace {
                flushWord()
                pendingSpace = !tokens.isEmpty
                continue
            }
            if pendingSpace {
                tokens.append(spaceToken)
                pendingSpace = false
            }
            if ScalarClass.isWord(scalar.value) {
                word.append(scalar)
            } else {
                flushWord()
                tokens.append(ScalarClass.punctuationKey(scalar.value))
            }
        }
        flushWord()
        return tokens
    }

    private mutating func newNode() -> Int32 {
        nodes.append(Node())
        return Int32(nodes.count - 1)
    }

    private mutating func payload(kind: RedactionKind, replacement: String, rank: Int) -> Int32 {
        let key = "\(rank)|\(kind.rawValue)|\(replacement)"
        if let index = payloadIndex[key] { return index }
        payloads.append(Payload(kind: kind, replacement: replacement, bytes: Array(replacement.utf8), rank: rank))
        let index = Int32(payloads.count - 1)
        payloadIndex[key] = index
        return index
    }
}
