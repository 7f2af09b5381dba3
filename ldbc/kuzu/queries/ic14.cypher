MATCH path = (person1:Person { id: $person1Id })-[:KNOWS* ALL SHORTEST 1..30]-(person2:Person { id: $person2Id })
WITH properties(nodes(path), 'id') as personIdsInPath
UNWIND range(1, size(personIdsInPath) - 1) AS i
WITH personIdsInPath, i, personIdsInPath[i] AS aId, personIdsInPath[i + 1] AS bId
OPTIONAL MATCH (a:Person)<-[:HAS_CREATOR]-(c:Comment)-[:REPLY_OF]->(:Post)-[:HAS_CREATOR]->(b:Person)
WHERE (a.id = aId AND b.id = bId) OR (a.id = bId AND b.id = aId)
WITH personIdsInPath, i, aId, bId, count(c) AS n1
OPTIONAL MATCH (a:Person)<-[:HAS_CREATOR]-(c:Comment)-[:REPLY_OF]->(:Comment)-[:HAS_CREATOR]->(b:Person)
WHERE (a.id = aId AND b.id = bId) OR (a.id = bId AND b.id = aId)
WITH personIdsInPath, i, n1, count(c) AS n2
WITH personIdsInPath, sum(1.0 * n1) AS w1, sum(0.5 * n2) AS w2
RETURN
    personIdsInPath,
    (w1+w2) as pathWeight
ORDER BY pathWeight desc
