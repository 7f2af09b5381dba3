// Entente.g4 — the syntax of Entente's query language: a subset of openCypher plus a few
// extensions (AS OF, node-by-name patterns, relation type declarations, SHOW SCHEMA)
// and Neo4j 5's index and constraint DDL.
//
// The rule structure follows the openCypher 9 grammar so precedence and associativity are
// the same as Neo4j's. query/parse/ turns the parse tree into query/ast/ast.h. Keywords
// are case-insensitive (the 4.7 tool has no caseInsensitive option, hence the letter
// fragments); identifiers are case-sensitive.
// Syntax-level rules that a grammar expresses badly (RETURN last, UNION kinds, WITH
// aliases) are checked by the AST builder, which gives better messages.
grammar Entente;

// ---- statements ------------------------------------------------------------------------

statement
  : (EXPLAIN | PROFILE)? asOf? (schemaCommand | query) ';'? EOF
  ;

asOf : AS OF expression ;

schemaCommand
  : CREATE RELATION TYPE relTypeName relSign relTypeOption*   # declareRelType
  | SHOW SCHEMA                                               # showSchema
  | CREATE INDEX indexName? (IF NOT EXISTS)? FOR indexTarget
      ON '(' schemaProperty (',' schemaProperty)* ')'         # createIndex
  | CREATE CONSTRAINT indexName? (IF NOT EXISTS)? FOR indexTarget
      REQUIRE constraintRule                                  # createConstraint
  | DROP (INDEX | CONSTRAINT) indexName (IF EXISTS)?          # dropIndex
  | SHOW (INDEX | INDEXES | CONSTRAINT | CONSTRAINTS)         # showIndexes
  ;

// Property indexes and constraints (Neo4j 5 syntax): `(n:Label)` or `()-[r:TYPE]-()`.
indexName : symbolicName ;

indexTarget
  : '(' variable ':' labelName ')'                                  # nodeIndexTarget
  | '(' ')' '<'? '-' '[' variable ':' relTypeName ']' '-' '>'? '(' ')'   # relIndexTarget
  ;

schemaProperty : variable '.' propertyKeyName ;

constraintRule
  : schemaProperty IS UNIQUE                                        # uniqueRule
  | '(' schemaProperty (',' schemaProperty)* ')' IS UNIQUE          # uniqueRule
  | schemaProperty IS NOT NULL_                                     # notNullRule
  ;

relSign : POSITIVE | NEGATIVE | NEUTRAL ;

relTypeOption
  : SYMMETRIC
  | TRANSITIVE
  | INVERSE relTypeName
  | COMMENT StringLiteral
  ;

query : singleQuery (unionClause singleQuery)* ;

unionClause : UNION ALL? ;

singleQuery : clause+ ;

clause
  : matchClause
  | unwindClause
  | loadCsvClause
  | withClause
  | returnClause
  | createClause
  | mergeClause
  | setClause
  | removeClause
  | deleteClause
  | foreachClause
  | callSubquery
  | callClause
  ;

// ---- clauses ---------------------------------------------------------------------------

matchClause : OPTIONAL? MATCH pattern where? ;

where : WHERE expression ;

unwindClause : UNWIND expression AS variable ;

// LOAD CSV [WITH HEADERS] FROM url AS row [FIELDTERMINATOR ';'] (Neo4j 5).
loadCsvClause
  : LOAD CSV (WITH HEADERS)? FROM expression AS variable (FIELDTERMINATOR StringLiteral)? ;

withClause : WITH projectionBody where? ;

returnClause : RETURN projectionBody ;

projectionBody : DISTINCT? projectionItems order? skip? limit? ;

projectionItems
  : '*' (',' projectionItem)*
  | projectionItem (',' projectionItem)*
  ;

projectionItem : expression (AS variable)? ;

order : ORDER BY sortItem (',' sortItem)* ;

skip : SKIP_ expression ;

limit : LIMIT expression ;

sortItem : expression (ASCENDING | ASC | DESCENDING | DESC)? ;

createClause : CREATE pattern ;

mergeClause : MERGE patternPart mergeAction* ;

mergeAction : ON (MATCH | CREATE) SET setItem (',' setItem)* ;

setClause : SET setItem (',' setItem)* ;

setItem
  : propertyExpression '=' expression   # setProperty
  | variable '=' expression             # setReplaceAll
  | variable '+=' expression            # setMergeMap
  | variable nodeLabels                 # setLabels
  ;

removeClause : REMOVE removeItem (',' removeItem)* ;

removeItem
  : variable nodeLabels                 # removeLabels
  | propertyExpression                  # removeProperty
  ;

deleteClause : DETACH? DELETE expression (',' expression)* ;

// FOREACH (x IN list | updates): the AST builder accepts only updating clauses inside.
foreachClause : FOREACH '(' variable IN expression '|' clause+ ')' ;

// CALL [(a, b) | (*) | ()] { query } [IN TRANSACTIONS [OF n ROWS]]: a subquery run once per
// incoming row; the optional scope clause lists the outer variables it imports.
callSubquery : CALL subqueryScope? '{' query '}' inTransactions? ;

subqueryScope : '(' ('*' | variable (',' variable)*)? ')' ;

inTransactions : IN TRANSACTIONS (OF expression (ROW | ROWS))? ;

callClause : CALL procedureName ('(' (expression (',' expression)*)? ')')? yieldClause? ;

procedureName : (symbolicName '.')* symbolicName ;

yieldClause : YIELD ('*' | yieldItem (',' yieldItem)*) where? ;

yieldItem : symbolicName (AS variable)? ;

// ---- patterns --------------------------------------------------------------------------

pattern : patternPart (',' patternPart)* ;

patternPart : (variable '=')? anonymousPatternPart ;

anonymousPatternPart
  : (SHORTESTPATH | ALLSHORTESTPATHS) '(' patternElement ')'   # shortestPathPattern
  | patternElement                                             # plainPattern
  ;

patternElement : nodePattern patternElementChain* ;

patternElementChain : relationshipPattern nodePattern ;

// ("Al-Nusra Front") is the node-by-name extension.
nodePattern
  : '(' StringLiteral ')'
  | '(' variable? nodeLabels? properties? ')'
  ;

nodeLabels : (':' labelName)+ ;

properties : mapLiteral | PARAMETER ;

// `<-->` (both heads) is undirected, as in openCypher.
relationshipPattern
  : leftHead='<' '-' relationshipDetail? '-' rightHead='>'?
  | '-' relationshipDetail? '-' rightHead='>'?
  ;

relationshipDetail : '[' variable? relationshipTypes? rangeLiteral? properties? ']' ;

relationshipTypes : ':' relTypeName ('|' ':'? relTypeName)* ;

rangeLiteral : '*' (lower=DecimalInteger)? (range='..' (upper=DecimalInteger)?)? ;

// ---- expressions ---------------------------------------------------------------------
//
// One left-recursive rule: ANTLR turns it into precedence climbing, which creates far fewer
// parse-tree nodes per atom than a rule per level. Alternatives run from the tightest
// binding to the loosest, as in openCypher 9: postfix lookups, unary sign, ^, * / %, + -,
// string/list/null predicates, comparison, NOT, AND, XOR, OR. Prefix operators recurse once
// each; the parser rejects long runs of them before parsing (see kMaxPrefixRun).

expression
  : atom                                                          # atomExpr
  | expression '.' propertyKeyName                                # propertyLookup
  | expression '[' index=expression ']'                           # indexLookup
  | expression '[' from=expression? '..' to=expression? ']'       # sliceLookup
  | expression nodeLabels                                         # labelCheck
  | signs+=('+' | '-') expression                                 # unarySigns
  | expression '^' expression                                     # powerExpr
  | expression op=('*' | '/' | '%') expression                    # multiplicativeExpr
  | expression op=('+' | '-') expression                          # additiveExpr
  | expression stringListOp expression                            # stringListExpr
  | expression IS NOT? NULL_                                      # nullCheck
  | expression comparisonOp expression                            # comparisonExpr
  | NOT expression                                                # notExpr
  | expression AND expression                                     # andExpr
  | expression XOR expression                                     # xorExpr
  | expression OR expression                                      # orExpr
  ;

stringListOp : STARTS WITH | ENDS WITH | CONTAINS | IN | '=~' ;

comparisonOp : '=' | '<>' | '<' | '>' | '<=' | '>=' ;

propertyExpression : atom ('.' propertyKeyName)+ ;

atom
  : literal                     # literalAtom
  | PARAMETER                   # parameterAtom
  | caseExpression              # caseAtom
  | COUNT '(' '*' ')'           # countStarAtom
  | listComprehension           # listComprehensionAtom
  | patternComprehension        # patternComprehensionAtom
  | quantifier                  # quantifierAtom
  | EXISTS '{' MATCH? pattern where? '}'   # existsSubqueryAtom
  | EXISTS '{' singleQuery '}'             # existsQueryAtom
  | COUNT '{' MATCH? pattern where? '}'    # countSubqueryAtom
  | COUNT '{' singleQuery '}'              # countQueryAtom
  | reduce                      # reduceAtom
  | relationshipsPattern        # patternPredicateAtom
  | '(' expression ')'          # parenthesizedAtom
  | functionInvocation          # functionAtom
  | mapProjection               # mapProjectionAtom
  | variable                    # variableAtom
  ;

literal
  : DecimalInteger    # decimalLiteral
  | HexInteger        # hexLiteral
  | OctalInteger      # octalLiteral
  | FloatLiteral      # floatLiteral
  | StringLiteral     # stringLiteral
  | TRUE              # trueLiteral
  | FALSE             # falseLiteral
  | NULL_             # nullLiteral
  | mapLiteral        # mapAtom
  | listLiteral       # listAtom
  ;

listLiteral : '[' (expression (',' expression)*)? ']' ;

mapLiteral : '{' (mapEntry (',' mapEntry)*)? '}' ;

mapEntry : propertyKeyName ':' expression ;

caseExpression : CASE subject=expression? caseAlternative+ (ELSE elseExpr=expression)? END ;

caseAlternative : WHEN expression THEN expression ;

listComprehension : '[' filterExpression ('|' expression)? ']' ;

patternComprehension
  : '[' (variable '=')? relationshipsPattern (WHERE expression)? '|' expression ']' ;

reduce
  : REDUCE '(' accumulator=variable '=' init=expression ',' item=variable IN list=expression
    '|' body=expression ')'
  ;

quantifier : (ALL | ANY | NONE | SINGLE) '(' filterExpression ')' ;

filterExpression : variable IN expression (WHERE expression)? ;

relationshipsPattern : nodePattern patternElementChain+ ;

functionInvocation
  : functionName '(' DISTINCT? (expression (',' expression)*)? ')' ;

functionName : (symbolicName '.')* symbolicName ;

mapProjection : variable '{' (mapProjectionItem (',' mapProjectionItem)*)? '}' ;

mapProjectionItem
  : '.' propertyKeyName
  | '.' '*'
  | propertyKeyName ':' expression
  | variable
  ;

// ---- names -----------------------------------------------------------------------------

variable : symbolicName ;

labelName : schemaName ;

relTypeName : schemaName ;

propertyKeyName : schemaName ;

// Labels, types and keys may be any word, keywords included (n.end, :Match).
schemaName : symbolicName | reservedWord ;

// Words that are keywords somewhere but still usable as variable and function names.
symbolicName
  : UnescapedSymbolicName
  | EscapedSymbolicName
  | COUNT | ANY | ALL | NONE | SINGLE | EXISTS | SHORTESTPATH | ALLSHORTESTPATHS
  | OF | TYPE | RELATION | POSITIVE | NEGATIVE | NEUTRAL | SYMMETRIC | TRANSITIVE
  | INVERSE | COMMENT | SHOW | SCHEMA | EXPLAIN | PROFILE
  | FOREACH | REDUCE | TRANSACTIONS | ROW | ROWS
  | LOAD | CSV | HEADERS | FROM | FIELDTERMINATOR
  | INDEX | INDEXES | CONSTRAINT | CONSTRAINTS | FOR | REQUIRE | DROP | IF | UNIQUE
  ;

reservedWord
  : MATCH | OPTIONAL | WHERE | WITH | UNWIND | AS | RETURN | DISTINCT | ORDER | BY | SKIP_
  | LIMIT | ASCENDING | ASC | DESCENDING | DESC | UNION | CREATE | MERGE | ON | SET
  | REMOVE | DELETE | DETACH | CALL | YIELD | OR | XOR | AND | NOT | STARTS | ENDS
  | CONTAINS | IN | IS | NULL_ | TRUE | FALSE | CASE | WHEN | THEN | ELSE | END
  ;

// ---- lexer -----------------------------------------------------------------------------

EXPLAIN : E X P L A I N ;
PROFILE : P R O F I L E ;
MATCH : M A T C H ;
OPTIONAL : O P T I O N A L ;
WHERE : W H E R E ;
WITH : W I T H ;
UNWIND : U N W I N D ;
AS : A S ;
OF : O F ;
RETURN : R E T U R N ;
DISTINCT : D I S T I N C T ;
ORDER : O R D E R ;
BY : B Y ;
SKIP_ : S K I P ;
LIMIT : L I M I T ;
ASCENDING : A S C E N D I N G ;
ASC : A S C ;
DESCENDING : D E S C E N D I N G ;
DESC : D E S C ;
UNION : U N I O N ;
ALL : A L L ;
CREATE : C R E A T E ;
MERGE : M E R G E ;
ON : O N ;
SET : S E T ;
REMOVE : R E M O V E ;
DELETE : D E L E T E ;
DETACH : D E T A C H ;
CALL : C A L L ;
YIELD : Y I E L D ;
OR : O R ;
XOR : X O R ;
AND : A N D ;
NOT : N O T ;
STARTS : S T A R T S ;
ENDS : E N D S ;
CONTAINS : C O N T A I N S ;
IN : I N ;
IS : I S ;
NULL_ : N U L L ;
TRUE : T R U E ;
FALSE : F A L S E ;
CASE : C A S E ;
WHEN : W H E N ;
THEN : T H E N ;
ELSE : E L S E ;
END : E N D ;
COUNT : C O U N T ;
ANY : A N Y ;
NONE : N O N E ;
SINGLE : S I N G L E ;
EXISTS : E X I S T S ;
SHORTESTPATH : S H O R T E S T P A T H ;
ALLSHORTESTPATHS : A L L S H O R T E S T P A T H S ;
TYPE : T Y P E ;
RELATION : R E L A T I O N ;
POSITIVE : P O S I T I V E ;
NEGATIVE : N E G A T I V E ;
NEUTRAL : N E U T R A L ;
SYMMETRIC : S Y M M E T R I C ;
TRANSITIVE : T R A N S I T I V E ;
INVERSE : I N V E R S E ;
COMMENT : C O M M E N T ;
FOREACH : F O R E A C H ;
REDUCE : R E D U C E ;
TRANSACTIONS : T R A N S A C T I O N S ;
ROWS : R O W S ;
ROW : R O W ;
LOAD : L O A D ;
CSV : C S V ;
HEADERS : H E A D E R S ;
FROM : F R O M ;
FIELDTERMINATOR : F I E L D T E R M I N A T O R ;
SHOW : S H O W ;
INDEX : I N D E X ;
INDEXES : I N D E X E S ;
CONSTRAINT : C O N S T R A I N T ;
CONSTRAINTS : C O N S T R A I N T S ;
FOR : F O R ;
REQUIRE : R E Q U I R E ;
DROP : D R O P ;
IF : I F ;
UNIQUE : U N I Q U E ;
SCHEMA : S C H E M A ;

HexInteger : '0' [xX] HexDigit+ ;
OctalInteger : '0' [oO] [0-7]+ ;
DecimalInteger : Digit+ ;
FloatLiteral
  : Digit+ '.' Digit+ Exponent?
  | '.' Digit+ Exponent?
  | Digit+ Exponent
  ;

// Escapes are checked by the AST builder, which reports a bad one with its position.
StringLiteral
  : '"' (~["\\] | '\\' .)* '"'
  | '\'' (~['\\] | '\\' .)* '\''
  ;

// A string or comment that runs to the end of the input: always one character shorter than
// a terminated one, so it only wins when the closing quote is missing.
UnterminatedString
  : '"' (~["\\] | '\\' .)* '\\'?
  | '\'' (~['\\] | '\\' .)* '\\'?
  ;

PARAMETER : '$' ([\p{L}_] [\p{L}\p{N}_]* | Digit+) ;

UnescapedSymbolicName : [\p{L}_] [\p{L}\p{N}_]* ;

EscapedSymbolicName : ('`' ~'`'* '`')+ ;

UnterminatedEscapedName : '`' ~'`'* ;

LineComment : '//' ~[\r\n]* -> skip ;
BlockComment : '/*' .*? '*/' -> skip ;
UnterminatedComment : '/*' (~'*' | '*'+ ~[*/])* '*'* ;
Whitespace : [ \t\r\n\f\u000B\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+ -> skip ;

LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
COMMA : ',' ;
DOTDOT : '..' ;
DOT : '.' ;
COLON : ':' ;
SEMI : ';' ;
PLUSEQ : '+=' ;
REGEXEQ : '=~' ;
NE : '<>' ;
LE : '<=' ;
GE : '>=' ;
EQ : '=' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
CARET : '^' ;
PIPE : '|' ;

// Anything else becomes one token the parser rejects with "unexpected character".
ErrorChar : . ;

fragment Digit : [0-9] ;
fragment HexDigit : [0-9a-fA-F] ;
fragment Exponent : [eE] [+-]? Digit+ ;
fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ;
fragment E : [eE] ; fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ;
fragment I : [iI] ; fragment J : [jJ] ; fragment K : [kK] ; fragment L : [lL] ;
fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment P : [pP] ;
fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ;
fragment Y : [yY] ; fragment Z : [zZ] ;
