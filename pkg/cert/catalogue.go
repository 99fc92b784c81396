package cert

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// AreaKind tells service areas (Leistungsbereiche 1–4) from structure areas (5–8).
type AreaKind string

// The area kinds.
const (
	AreaService   AreaKind = "service"
	AreaStructure AreaKind = "structure"
)

// Level tells basic criteria from advanced ones.
type Level string

// The criterion levels.
const (
	LevelBasic    Level = "basic"
	LevelAdvanced Level = "advanced"
)

// GroupRule is how the criteria of a group combine.
type GroupRule string

// The group rules.
const (
	RuleAnd GroupRule = "and" // every member earns its points only when all members are met
	RuleOr  GroupRule = "or"  // the group earns the points of its best met member, once
)

// Catalogue is one version of the criteria catalogue. It is data, loaded from a file.
type Catalogue struct {
	Version      string // e.g. "2020"
	Title        string
	Illustrative bool // true for the sample shipped with kitacert: not the official catalogue
	Areas        []Area
	Groups       []CriteriaGroup
	LoadedAt     time.Time
	LoadedBy     *uuid.UUID
}

// Area is one of the eight areas with its minimum points.
type Area struct {
	Code      string // "1" … "8"
	Name      string
	Kind      AreaKind
	MinPoints int
	Criteria  []Criterion
}

// Criterion is one criterion of an area.
type Criterion struct {
	Code   string // e.g. "5.2"
	Text   string
	Level  Level
	Points int
	// Variants are the questionnaires the criterion is part of; empty: all four.
	Variants []Variant
}

// CriteriaGroup combines criteria with AND or OR (e.g. 1.1 AND 1.1.1; 1.3 OR 1.3.1).
type CriteriaGroup struct {
	Code     string
	Rule     GroupRule
	Criteria []string // criterion codes
}

// AssessmentItem is the assessor's finding on one criterion.
type AssessmentItem struct {
	Code string
	Met  bool
	Note string
}

// AreaScore is the result of one area.
type AreaScore struct {
	Code      string
	Name      string
	Points    int
	MinPoints int
	Passed    bool
}

// Score is the result of an assessment against a catalogue.
type Score struct {
	Areas  []AreaScore
	Passed bool // every area reaches its minimum
}

// Assessment is a procedure's findings with their score.
type Assessment struct {
	ProcedureID      uuid.UUID
	CatalogueVersion string
	Items            []AssessmentItem
	Score            Score
}

// CatalogueRecord is a catalogue as the store keeps it: the columns it lists and finds
// catalogues by, and the document (Catalogue.MarshalDocument) as bytes the store does not
// read. Catalogue.Record makes one; CatalogueRecord.Catalogue decodes it.
type CatalogueRecord struct {
	Version      string
	Title        string
	Illustrative bool
	Document     []byte // the catalogue document: areas, criteria, groups
	LoadedAt     time.Time
	LoadedBy     *uuid.UUID
}

// CatalogueStore persists catalogues and assessments.
type CatalogueStore interface {
	// PutCatalogue stores a catalogue version, replacing one with the same version.
	PutCatalogue(ctx context.Context, r CatalogueRecord) error
	// Catalogue returns one version, or ErrNotFound.
	Catalogue(ctx context.Context, version string) (CatalogueRecord, error)
	// Catalogues lists every version, oldest version string first.
	Catalogues(ctx context.Context) ([]CatalogueRecord, error)
	// AssessmentItems returns a procedure's findings, ordered by code.
	AssessmentItems(ctx context.Context, procedureID uuid.UUID) ([]AssessmentItem, error)
	// PutAssessmentItems replaces a procedure's findings.
	PutAssessmentItems(ctx context.Context, procedureID uuid.UUID, items []AssessmentItem) error
	// CatalogueInUse reports whether any procedure has findings against the version.
	CatalogueInUse(ctx context.Context, version string) (bool, error)
}
