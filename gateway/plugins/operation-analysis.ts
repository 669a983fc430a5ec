import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  visit,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../../common/limits';

/** What an operation would cost, measured on the document and its variables before anything runs. */
export interface OperationMeasure {
  /** Deepest field nesting, fragments expanded (introspection fields excluded). */
  depth: number;
  /** Aliases written anywhere in the document. */
  aliases: number;
  /** Fields selected, fragments expanded, each alias counted on its own: what rate limits charge. */
  fields: number;
  /** Estimated work: every object field costs 1, multiplied by the page size (`first`) of the lists above it. */
  cost: number;
}

/** Plain lists without a `first` argument (offerings, credentials, applications) are assumed this long. */
const UNPAGED_LIST_SIZE = 10;

/** Tokens of a source text, counted with graphql's own lexer before parsing; null when the text does not lex (the parser will say why). */
export function countTokens(source: string, stopAfter = Infinity): number | null {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > stopAfter) return count;
  } catch {
    return null;
  }
  return count;
}

/**
 * Measures the operation that will run. Called after validation, so fragments exist and do not cycle.
 * Page sizes come from literals or from the variables (or the variable's default), which is the point:
 * `first: $n` in nested lists multiplies, whatever literal the document shows; each is capped as resolvers cap it.
 */
function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): OperationMeasure {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  visit(document, { Field: (node) => void (node.alias && aliases++) });
  if (!operation) return { depth: 0, aliases, fields: 0, cost: 0 };

  const defaults = new Map(operation.variableDefinitions?.map((v) => [v.variable.name.value, v.defaultValue]) ?? []);
  const pageSize = (value: ValueNode | undefined): number | undefined => {
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return undefined;
    const name = value.name.value;
    const given = variables?.[name];
    if (typeof given === 'number') return given;
    if (typeof given === 'string' && /^\d+$/.test(given)) return Number(given);
    return given === undefined ? pageSize(defaults.get(name) ?? undefined) : undefined;
  };

  let fields = 0;
  let depth = 0;
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, level: number): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) cost += walk(fragment.selectionSet, typeNamed(schema, fragment.typeCondition.name.value) ?? parent, level);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(
          selection.selectionSet,
          (selection.typeCondition && typeNamed(schema, selection.typeCondition.name.value)) ?? parent,
          level,
        );
        continue;
      }
      const name = selection.name.value;
      fields++;
      if (name.startsWith('__')) continue; // introspection: off in production, and deep by nature
      depth = Math.max(depth, level);
      const type = parent && 'getFields' in parent ? parent.getFields()[name]?.type : undefined;
      if (!selection.selectionSet) continue;
      const first = pageSize(selection.arguments?.find((a) => a.name.value === 'first')?.value);
      // Every resolver caps `first` at MAX_PAGE_SIZE, so a larger page costs what the capped page costs.
      const size =
        first !== undefined ? Math.min(MAX_PAGE_SIZE, Math.max(0, first)) : isList(type) && name !== 'edges' ? UNPAGED_LIST_SIZE : 1;
      const child = type ? getNamedType(type) : undefined;
      cost += 1 + size * walk(selection.selectionSet, child && isCompositeType(child) ? child : undefined, level + 1);
    }
    return cost;
  };
  const root = schema.getRootType(operation.operation) ?? undefined;
  const cost = walk(operation.selectionSet, root, 1);
  return { depth, aliases, fields, cost };
}

function typeNamed(schema: GraphQLSchema, name: string): GraphQLCompositeType | undefined {
  const type = schema.getType(name);
  return type && isCompositeType(type) ? type : undefined;
}

function isList(type: GraphQLOutputType | undefined): boolean {
  if (!type) return false;
  return isListType(isNonNullType(type) ? type.ofType : type);
}

interface ExecutionArgsLike {
  schema: GraphQLSchema;
  document: DocumentNode;
  variableValues?: unknown;
  operationName?: string | null;
}

const measured = new WeakMap<object, OperationMeasure>();
/**
 * Measures of documents whose pages do not come from variables, by document and operation: the runtime's parse
 * cache hands the same document object for the same text, so a partner's contract operation is walked once.
 */
const byDocument = new WeakMap<DocumentNode, Map<string, OperationMeasure>>();
const pagedByVariable = new WeakMap<DocumentNode, boolean>();

function pagesFromVariables(document: DocumentNode): boolean {
  let paged = pagedByVariable.get(document);
  if (paged === undefined) {
    paged = false;
    visit(document, { Argument: (node) => void (node.name.value === 'first' && node.value.kind === Kind.VARIABLE && (paged = true)) });
    pagedByVariable.set(document, paged);
  }
  return paged;
}

/** measureOperation for one execution, computed once however many plugins (limits, quota) ask for it. */
export function measureExecution(args: ExecutionArgsLike): OperationMeasure {
  let measure = measured.get(args);
  if (measure) return measure;
  const reusable = !pagesFromVariables(args.document);
  const perDocument = reusable ? byDocument.get(args.document) : undefined;
  measure = perDocument?.get(args.operationName ?? '');
  if (!measure) {
    measure = measureOperation(args.schema, args.document, args.variableValues as Record<string, unknown> | undefined, args.operationName);
    if (reusable) {
      if (!perDocument) byDocument.set(args.document, new Map([[args.operationName ?? '', measure]]));
      else if (perDocument.size < 16) perDocument.set(args.operationName ?? '', measure);
    }
  }
  measured.set(args, measure);
  return measure;
}
