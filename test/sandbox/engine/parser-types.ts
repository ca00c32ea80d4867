// comparatorType from Parser.g: CQL type syntax inside statements (and for parseCqlType).

import type { NativeTypeName } from '../types/cqltype.js';
import type { TypeSyntax } from '../types/cqltype-text.js';
import { NATIVE_TYPE_KEYWORDS, type Cursor } from './parser-core.js';

export function isNativeTypeKeyword(c: Cursor, k = 0): boolean {
  return NATIVE_TYPE_KEYWORDS.has(c.type(k));
}

/** native_type: the keyword's text, with varchar folded into text. */
export function parseNativeType(c: Cursor): NativeTypeName {
  if (!isNativeTypeKeyword(c)) throw c.noViable();
  const name = c.next().text.toLowerCase();
  return (name === 'varchar' ? 'text' : name) as NativeTypeName;
}

export function parseTypeSyntax(c: Cursor): TypeSyntax {
  const t = c.type();
  if (isNativeTypeKeyword(c)) return { kind: 'native', name: parseNativeType(c) };
  switch (t) {
    case 'K_MAP': {
      c.next();
      c.expect("'<'");
      const key = parseTypeSyntax(c);
      c.expect("','");
      const value = parseTypeSyntax(c);
      c.expect("'>'");
      return { kind: 'map', key, value };
    }
    case 'K_LIST':
    case 'K_SET': {
      c.next();
      c.expect("'<'");
      const element = parseTypeSyntax(c);
      c.expect("'>'");
      return { kind: t === 'K_LIST' ? 'list' : 'set', element };
    }
    case 'K_TUPLE': {
      c.next();
      c.expect("'<'");
      const elements = [parseTypeSyntax(c)];
      while (c.accept("','")) elements.push(parseTypeSyntax(c));
      c.expect("'>'");
      return { kind: 'tuple', elements };
    }
    case 'K_FROZEN': {
      // `frozen` alone (no '<') is a user type named frozen: basic_unreserved_keyword.
      if (c.type(1) !== "'<'") break;
      c.next();
      c.expect("'<'");
      const inner = parseTypeSyntax(c);
      c.expect("'>'");
      return { kind: 'frozen', inner };
    }
    case 'K_VECTOR': {
      if (c.type(1) !== "'<'" || !c.dialect.vectorType) break;
      c.next();
      c.expect("'<'");
      const element = parseTypeSyntax(c);
      c.expect("','");
      const dimension = Number(c.expect('INTEGER').text);
      c.expect("'>'");
      return { kind: 'vector', element, dimension };
    }
    case 'STRING_LITERAL':
      return { kind: 'custom', className: c.next().text };
  }
  // userTypeName: (noncol_ident '.')? non_type_ident
  if (c.isIdentStart() && c.type(1) === "'.'") {
    const keyspace = c.ident();
    c.next();
    return { kind: 'udt', keyspace, name: c.typeNameIdent() };
  }
  return { kind: 'udt', name: c.typeNameIdent() };
}
