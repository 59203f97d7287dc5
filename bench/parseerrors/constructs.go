package main

import (
	"regexp"
	"strings"
)

// A construct is a piece of valid syntax the grammars have been seen to
// trip on, recognised by the source line where the first error starts.
// The patterns are deliberately narrow: a misparse none of them explains
// is counted as "other" and listed with -v, to be looked at and named here.
type construct struct {
	name string
	re   *regexp.Regexp
}

var constructs = []construct{
	{"`export type * from` (TypeScript 5.0)", regexp.MustCompile(`\bexport\s+type\s+\*`)},
	{"`typeof import(...)` in type arguments", regexp.MustCompile(`<\s*typeof\s+import\s*\(`)},
	{"`import('m').T` type followed by `<...>` or `[]`", regexp.MustCompile(`\bimport\s*\(\s*['"][^'"]*['"]\s*\)(\s*\.\s*[\w$]+)+\s*(<|\[)`)},
	{"`in`/`out` variance on type parameters", regexp.MustCompile(`<\s*(in|out)\s+(out\s+)?[\w$]+`)},
	{"`global { }` in a module declaration", regexp.MustCompile(`^\s*global\s*\{`)},
	{"`accessor` field (`static accessor` in TypeScript, any in JavaScript)", regexp.MustCompile(`(\bstatic\s+|^\s*|[{;]\s*)accessor\s+[\w$#]`)},
	{"`using` declaration in JavaScript", regexp.MustCompile(`\b(await\s+)?using\s+[\w$]+\s*=`)},
	{"predefined type name as parameter name in a function type (`(string) => void`)",
		regexp.MustCompile(`\(\s*(string|number|boolean|any|unknown|object|symbol|bigint|never)\s*[,)]\s*=>`)},
	{"`[K in keyof T]` computed key in an interface", regexp.MustCompile(`^\s*\[\s*[\w$]+\s+in\s+keyof\b`)},
	{"keyword as a property or parameter name (`abstract:`, `using:`)",
		regexp.MustCompile(`(^\s*|[({,;]\s*)(abstract|using|accessor|declare|override|satisfies|asserts|infer|keyof|unique|module|namespace|global)\??\s*:`)},
	{"call signatures on lines without `;` (`): R` then `<T>(x: T): R`)", regexp.MustCompile(`^\s*<[^>]*(<[^>]*>[^>]*)*>\s*\(`)},
	{"optional call with type arguments (`f<T>?.()`)", regexp.MustCompile(`>\s*\?\.\s*\(`)},
	{"parenthesised decorator (`@(a.b)`)", regexp.MustCompile(`@\(`)},
	{"import assertion (`assert { type: 'json' }`)", regexp.MustCompile(`\bassert\s*\{`)},
	{"`export {...}` with `from` on the next line", regexp.MustCompile(`^\s*(export\s*(type\s*)?\{[^}]*|from\s*['"].*)$`)},
	{"property named `in`", regexp.MustCompile(`(\.\s*in\b|(^|[{,]\s*)in\s*[:?(])`)},
}

// classify names the construct at a misparsed file's first error.
func classify(r rejected) string {
	line := fullLine(r.src, r.offset)
	for _, c := range constructs {
		if c.re.MatchString(line) {
			return c.name
		}
	}
	// The error is sometimes reported next to the construct rather than
	// on it: look at the lines before and after too.
	for _, near := range []string{previousLine(r.src, r.offset), nextLine(r.src, r.offset)} {
		for _, c := range constructs {
			if near != "" && c.re.MatchString(near) {
				return c.name
			}
		}
	}
	return "other"
}

// previousLine returns the line before the one containing off, or "".
func previousLine(src []byte, off int) string {
	lineStart := strings.LastIndexByte(string(src[:off]), '\n') + 1
	if lineStart == 0 {
		return ""
	}
	return fullLine(src, lineStart-1)
}

// nextLine returns the line after the one containing off, or "".
func nextLine(src []byte, off int) string {
	end := strings.IndexByte(string(src[off:]), '\n')
	if end < 0 {
		return ""
	}
	return fullLine(src, off+end+1)
}
