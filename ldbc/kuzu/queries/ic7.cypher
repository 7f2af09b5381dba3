MATCH (person:Person {id: $personId})<-[:HAS_CREATOR]-(message:Post:Comment)<-[like:LIKES]-(liker:Person)
    WITH liker, message, like.creationDate AS likeTime, person
WITH liker, max(likeTime) AS latestTime, person
MATCH (person)<-[:HAS_CREATOR]-(message:Post:Comment)<-[like:LIKES]-(liker)
WHERE like.creationDate = latestTime
WITH liker, person, latestTime, min(message.id) AS msgId
MATCH (message:Post:Comment) WHERE message.id = msgId AND (message)-[:HAS_CREATOR]->(person)
WITH liker, person, {msg: message, likeTime: latestTime} AS latestLike
RETURN
    liker.id AS personId,
    liker.firstName AS personFirstName,
    liker.lastName AS personLastName,
    latestLike.likeTime AS likeCreationDate,
    latestLike.msg.id AS commentOrPostId,
    coalesce(latestLike.msg.content, latestLike.msg.imageFile) AS commentOrPostContent,
    CAST(floor(floor(CAST(latestLike.likeTime - latestLike.msg.creationDate AS DOUBLE)/1000.0)/60.0) AS INT64) AS minutesLatency,
    NOT EXISTS { MATCH (liker)-[:KNOWS]-(person) } AS isNew
ORDER BY
    likeCreationDate DESC,
    CAST(personId AS INT64) ASC
LIMIT 20
