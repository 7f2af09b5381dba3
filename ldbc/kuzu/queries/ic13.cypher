MATCH
    (person1:Person {id: $person1Id}),
    (person2:Person {id: $person2Id}),
    path = (person1)-[:KNOWS* SHORTEST 1..30]-(person2)
RETURN
    CASE path IS NULL
        WHEN true THEN -1
        ELSE length(path)
    END AS shortestPathLength
