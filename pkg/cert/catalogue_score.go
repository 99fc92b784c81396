package cert

import "fmt"

// Scoring an assessment against a catalogue.

// CriteriaCount returns the number of criteria in all areas.
func (c Catalogue) CriteriaCount() int {
	n := 0
	for _, a := range c.Areas {
		n += len(a.Criteria)
	}
	return n
}

// criterionRef locates a criterion: the index of its area and its points.
type criterionRef struct {
	area   int
	points int
}

// index maps every criterion code to its area and points.
func (c Catalogue) index() map[string]criterionRef {
	idx := make(map[string]criterionRef, c.CriteriaCount())
	for i, a := range c.Areas {
		for _, cr := range a.Criteria {
			idx[cr.Code] = criterionRef{area: i, points: cr.Points}
		}
	}
	return idx
}

// maxPoints returns, for every area, the points it earns at best: every ungrouped and
// AND-grouped criterion met, and for each OR group the best of its members in the area.
func (c Catalogue) maxPoints() []int {
	idx := c.index()
	most := make([]int, len(c.Areas))
	grouped := map[string]bool{}
	for _, g := range c.Groups {
		best := map[int]int{} // area → best member points (OR)
		for _, code := range g.Criteria {
			ref, ok := idx[code]
			if !ok {
				continue
			}
			grouped[code] = true
			if g.Rule == RuleAnd {
				most[ref.area] += ref.points
			} else if ref.points > best[ref.area] {
				best[ref.area] = ref.points
			}
		}
		for area, p := range best {
			most[area] += p
		}
	}
	for i, a := range c.Areas {
		for _, cr := range a.Criteria {
			if !grouped[cr.Code] {
				most[i] += cr.Points
			}
		}
	}
	return most
}

// Score computes the result of an assessment: the findings in items against c.
//
// The semantics:
//   - A criterion counts as met only when its item says so; a criterion without an item
//     is not met, so a partial assessment scores what has been found so far.
//   - An ungrouped criterion that is met earns its points.
//   - AND group (e.g. 1.1 AND 1.1.1): each member earns its points only when every member
//     of the group is met; otherwise no member earns anything.
//   - OR group (e.g. 1.3 OR 1.3.1): the group earns the points of its best met member,
//     once (the first such member in the group's order when several have equal points);
//     the other members earn nothing.
//   - Points go to the area of the criterion that earns them, also when a group spans
//     areas.
//   - An area passes when its points reach its minimum (points >= MinPoints); the
//     assessment passes when every area passes.
//
// An item whose code the catalogue does not know, and a second item for the same code,
// are EINVALID with the field "criteria[i].code" (i is the item's index), as the API's
// AssessmentPut names them. The areas of the Score follow the catalogue's order.
func (c Catalogue) Score(items []AssessmentItem) (Score, error) {
	idx := c.index()
	var v Validation
	seen := make(map[string]int, len(items))
	met := make(map[string]bool, len(items))
	for i, it := range items {
		f := fmt.Sprintf("criteria[%d].code", i)
		if _, ok := idx[it.Code]; !ok {
			v.Add(f, fmt.Sprintf("Der Kriterienkatalog %s hat kein Kriterium „%s“.", c.Version, it.Code))
			continue
		}
		if prev, dup := seen[it.Code]; dup {
			v.Add(f, fmt.Sprintf("Das Kriterium „%s“ steht schon in criteria[%d].", it.Code, prev))
			continue
		}
		seen[it.Code] = i
		met[it.Code] = it.Met
	}
	if err := v.Err(); err != nil {
		return Score{}, err
	}
	return c.score(met, idx), nil
}

// score applies the rules documented at Score to the set of met criteria.
func (c Catalogue) score(met map[string]bool, idx map[string]criterionRef) Score {
	points := make([]int, len(c.Areas))
	grouped := map[string]bool{}
	for _, g := range c.Groups {
		for _, code := range g.Criteria {
			grouped[code] = true
		}
		switch g.Rule {
		case RuleAnd:
			all := true
			for _, code := range g.Criteria {
				if _, ok := idx[code]; !ok || !met[code] {
					all = false
				}
			}
			if all {
				for _, code := range g.Criteria {
					points[idx[code].area] += idx[code].points
				}
			}
		case RuleOr:
			best, found := criterionRef{}, false
			for _, code := range g.Criteria {
				ref, ok := idx[code]
				if ok && met[code] && (!found || ref.points > best.points) {
					best, found = ref, true
				}
			}
			if found {
				points[best.area] += best.points
			}
		}
	}
	for i, a := range c.Areas {
		for _, cr := range a.Criteria {
			if met[cr.Code] && !grouped[cr.Code] {
				points[i] += cr.Points
			}
		}
	}
	s := Score{Areas: make([]AreaScore, len(c.Areas)), Passed: true}
	for i, a := range c.Areas {
		pass := points[i] >= a.MinPoints
		s.Areas[i] = AreaScore{Code: a.Code, Name: a.Name, Points: points[i], MinPoints: a.MinPoints, Passed: pass}
		s.Passed = s.Passed && pass
	}
	return s
}
