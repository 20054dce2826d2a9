// Validates GraphQL requests against a schema with the reference implementation (graphql-js):
// each document must validate, its variables must coerce to the declared types, and, when a
// response is given, executing the document over the response's data must not fail (so the
// data fits the schema's types, non-null fields and enums).
// Usage: node validate-graphql.mjs SCHEMA.graphql REQUESTS.json [GRAPHQL_MODULE_DIR]
// REQUESTS.json: [{"query": "...", "variables": {...}, "response": {...}?}, ...]
// Prints one line per problem and exits 1 when there is any.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [schemaFile, requestsFile, moduleDir] = process.argv.slice(2);
const require = createRequire(path.join(moduleDir ?? process.cwd(), 'index.js'));
const graphql = require('graphql');
const { getVariableValues } = require('graphql/execution/values');

const schema = graphql.buildSchema(readFileSync(schemaFile, 'utf8'));
const requests = JSON.parse(readFileSync(requestsFile, 'utf8'));
const problems = [];
requests.forEach((request, i) => {
  let document;
  try {
    document = graphql.parse(request.query);
  } catch (e) {
    problems.push(`#${i}: does not parse: ${e.message}`);
    return;
  }
  for (const e of graphql.validate(schema, document))
    problems.push(`#${i}: ${e.message}`);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [],
                                    request.variables ?? {});
  for (const e of coerced.errors ?? [])
    problems.push(`#${i}: variables: ${e.message}`);
  if (request.response && request.response.data) {
    const result = graphql.executeSync({ schema, document, rootValue: request.response.data,
                                         variableValues: request.variables ?? {} });
    for (const e of result.errors ?? [])
      problems.push(`#${i}: response: ${e.message} at ${JSON.stringify(e.path)}`);
  }
});
for (const p of problems)
  console.log(p);
console.log(`${requests.length} request(s), ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
