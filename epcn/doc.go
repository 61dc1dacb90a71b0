// Package epcn reads the NHS "ePCN" file, which says which Primary Care
// Network (PCN) each GP practice belongs to, and answers the question
// "which PCN was this practice in on a given date?".
//
// NHS Digital (ODS) publishes ePCN as a workbook; its "PCN Core Partner
// Details" sheet has one row per practice-to-PCN relationship: Partner
// Organisation Code (the practice), PCN Code, PCN Name, and the
// relationship's Start Date and End Date (YYYYMMDD; no end date while it
// lasts). A practice that changed PCN has several rows. [ReadFile] reads
// that sheet from the published .xlsx or from its CSV export, whose header
// cells span several lines ("Partner\nOrganisation\nCode"): header names
// match whatever their spacing and case.
//
// [AsAt] keeps the relationships valid on a date: start ≤ date and (no end
// or end ≥ date), both ends inclusive, as ODS defines them. A practice
// with two PCNs on one date is an error naming both rows. A PCN code of
// "U" (ODS's "Unallocated") means no PCN.
//
// Invariants: every row is checked (a blank practice or PCN code, a date
// that is not a date, an end before the start are *RecordError values
// naming the line and column); nothing is dropped silently.
package epcn
