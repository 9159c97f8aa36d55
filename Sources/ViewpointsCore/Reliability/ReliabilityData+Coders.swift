extension ReliabilityData {
    /// The data of the named coders only, in the order given; units left without values are dropped.
    public func restricted(toCoders chosen: [String]) throws(ReliabilityDataError) -> ReliabilityData {
        var newCoderOf = [Int32](repeating: -1, count: coders.count)
        for (position, name) in chosen.enumerated() {
            guard let old = coders.firstIndex(of: name) else { throw .unknownCoder(name) }
            newCoderOf[old] = Int32(position)
        }
        var newCategoryOf = [Int32](repeating: -1, count: categories.count)
        var keptCategories: [String] = []
        var keptNumbers: [Double] = []
        var keptUnits: [String] = []
        var offsets: [Int] = [0]
        var newCoders: [Int32] = []
        var newCategories: [Int32] = []
        var firstNonNumeric: NonNumericValue?
        for unit in 0..<units.count {
            let before = newCoders.count
            for slot in unitOffsets[unit]..<unitOffsets[unit + 1] {
                let coder = newCoderOf[Int(valueCoders[slot])]
                guard coder >= 0 else { continue }
                let old = Int(valueCategories[slot])
                if newCategoryOf[old] < 0 {
                    newCategoryOf[old] = Int32(keptCategories.count)
                    keptCategories.append(categories[old])
                    if let number = ReliabilityData.number(categories[old]) {
                        keptNumbers.append(number)
                    } else if firstNonNumeric == nil {
                        firstNonNumeric = NonNumericValue(unit: units[unit], value: categories[old])
                    }
                }
                newCoders.append(coder)
                newCategories.append(newCategoryOf[old])
            }
            if newCoders.count > before {
                keptUnits.append(units[unit])
                offsets.append(newCoders.count)
            }
        }
        return ReliabilityData(
            units: keptUnits, coders: chosen, categories: keptCategories,
            categoryNumbers: firstNonNumeric == nil ? keptNumbers : nil, firstNonNumeric: firstNonNumeric,
            unitOffsets: offsets, valueCoders: newCoders, valueCategories: newCategories
        )
    }
}
