MATCH (person:Person {id: $personId})-[:KNOWS*2..2]-(friend:Person),
       (friend)-[:IS_LOCATED_IN]->(city:City)
WHERE NOT friend=person AND
      NOT EXISTS { MATCH (friend)-[:KNOWS]-(person) }
WITH person, city, friend, epoch_ms(friend.birthday) as birthday
WHERE  (date_part('month', birthday)=$month AND date_part('day', birthday)>=21) OR
        (date_part('month', birthday)=($month%12)+1 AND date_part('day', birthday)<22)
WITH DISTINCT friend, city, person
OPTIONAL MATCH (friend)<-[:HAS_CREATOR]-(post:Post)
WITH friend, city, count(post) AS postCount, person
OPTIONAL MATCH (friend)<-[:HAS_CREATOR]-(post:Post)
WHERE EXISTS { MATCH (post)-[:HAS_TAG]->(:Tag)<-[:HAS_INTEREST]-(person) }
WITH friend, city, postCount, count(post) AS commonPostCount
RETURN friend.id AS personId,
       friend.firstName AS personFirstName,
       friend.lastName AS personLastName,
       commonPostCount - (postCount - commonPostCount) AS commonInterestScore,
       friend.gender AS personGender,
       city.name AS personCityName
ORDER BY commonInterestScore DESC, personId ASC
LIMIT 10
