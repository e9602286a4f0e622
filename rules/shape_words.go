package rules

import "strings"

// Word lists of the French shape rules. Keys are lower case, apostrophes
// written ’ (see lowerNorm).

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[strings.ReplaceAll(w, "'", "’")] = true
	}
	return m
}

// frDeterminers open a noun phrase.
var frDeterminers = wordSet(`le la les l' un une des du de d' au aux ce cet cette ces son sa ses
	leur leurs mon ma mes ton ta tes notre nos votre vos chaque plusieurs certains certaines
	quelques aucun aucune tout toute tous toutes`)

// frArticles are the articles that begin a new sentence's subject.
var frArticles = wordSet(`le la les l' un une des`)

// frSubjectPronouns begin a clause.
var frSubjectPronouns = wordSet(`il ils elle elles on nous vous je j' ce c' cela ceci ça`)

// frFunctionWords are words French writes in lower case mid-sentence:
// determiners, pronouns, prepositions, conjunctions and a few adverbs. A
// capitalised one after a lower-case word is a sign of link text.
var frFunctionWords = func() map[string]bool {
	m := wordSet(`il ils elle elles on nous vous je j' se s' lui eux qui que qu' dont où
		celui celle ceux celles cela ceci ça
		sur sous dans avec pour par sans entre vers chez contre depuis pendant selon après avant
		à dès parmi malgré envers auprès lors concernant durant hormis
		et ou mais donc car ni si comme quand lorsque lorsqu' puisque puisqu' afin alors ainsi
		ne n' pas plus très aussi déjà encore toujours jamais
		en`)
	for w := range frDeterminers {
		m[w] = true
	}
	return m
}()

// frDays and frMonths are written in lower case in French running text.
var frDays = wordSet(`lundi mardi mercredi jeudi vendredi samedi dimanche`)

var frMonths = wordSet(`janvier février mars avril mai juin juillet août septembre octobre novembre décembre`)

// frTimeWords may follow a day ("jeudi soir") or stand for one ("hier").
var frTimeWords = wordSet(`hier aujourd’hui matin soir après-midi midi dernier dernière prochain`)

// frPrepositions introduce a complement: a name after one is not a subject.
var frPrepositions = wordSet(`de d' du des à au aux en par pour avec sans sur sous dans chez contre
	vers envers selon entre parmi depuis pendant après avant dès malgré via comme auprès
	face outre hormis grâce`)

// frAuxiliaries are forms of avoir and être that carry a compound tense.
var frAuxiliaries = wordSet(`a ai as avons avez ont avait avais avions aviez avaient aura auras
	aurons aurez auront aurait aurais aurions auriez auraient ait aient eût eu eut ayant avoir
	est es suis sommes êtes sont était étais étions étiez étaient sera serons seront serait
	seraient soit soient été étant être fut furent`)

// reportingParticiples are past participles of reporting and speech verbs,
// which MT leaves bare when it drops the auxiliary ("l’AFP indiqué.").
// Forms equal to a present tense ("dit", "écrit") are left out.
var reportingParticiples = wordSet(`signalé mentionné menacé revendiqué rejeté déclaré annoncé affirmé
	ajouté indiqué rapporté souligné estimé expliqué précisé confirmé démenti nié averti répondu
	insisté prévenu accusé exhorté appelé salué dénoncé critiqué assuré reconnu promis proposé
	demandé déploré regretté noté observé raconté confié révélé relevé rappelé martelé admis
	avoué concédé réagi commenté tweeté suggéré réclamé exigé plaidé qualifié jugé répliqué
	protesté assuré garanti prédit signifié communiqué informé notifié réitéré renchéri
	poursuivi conclu soutenu argué fustigé condamné loué`)

// passiveParticiples often stand as adjectives after a name ("X, accusé
// de …"): after a comma they need a stronger sign of a lost auxiliary.
var passiveParticiples = wordSet(`accusé menacé appelé exhorté averti prévenu critiqué salué dénoncé
	jugé qualifié condamné loué fustigé informé notifié reconnu soutenu poursuivi`)

// titleIntroducers name a work, group or slogan whose capitalised title may
// follow in running text ("le film Un homme pressé", "le mouvement En marche").
var titleIntroducers = wordSet(`film livre roman ouvrage essai album chanson titre pièce spectacle
	exposition journal quotidien hebdomadaire magazine revue mensuel rubrique chronique tribune
	éditorial documentaire émission série feuilleton podcast blog site application appli chaîne
	radio station concours festival prix salon opération mission programme plan projet loi
	dispositif label marque enseigne slogan devise hashtag mot-clé mot terme expression formule
	nom thème parti mouvement collectif association groupe liste campagne club équipe
	restaurant hôtel café bar navire bateau frégate paquebot vaisseau sous-marin fusée sonde
	avion intitulé intitulée intitulés intitulées baptisé baptisée nommé nommée surnommé surnommée
	dénommé dénommée appelé appelée lire voir dit dite tableau œuvre morceau clip jeu`)

// capitalisedNamesWithArticle are names that begin with an elided article
// ("L’Oréal"); they are not link text when found mid-sentence.
var capitalisedNamesWithArticle = wordSet(`oréal express équipe obs humanité opinion union aurore
	expansion usine orient-le est étudiant isle haÿ hay alpe aquila écho echo équipe-magazine
	artagnan alembert estaing ornano arc argentré hôpital illustration internaute officiel
	indépendant observateur amérique avenir alsace yonne occitane étoile hospitalet agefi argus
	éveil ardennais annunzio ormesson hebdo illustré abeille écho-républicain`)

// abbreviationsBeforeStop are words after which a full stop does not end a
// sentence, so a lower-case word may follow ("etc. et", "env. dix").
var abbreviationsBeforeStop = wordSet(`etc cf env av apr p pp vol chap art fig éd ed ex resp min max hab
	no n nos coll dir trad réd ann ca ibid id op cit suiv sq sqq approx trim tél tel fax bd boul
	av st ste mm mme mlle dr pr me mgr jr sr gén gen col cdt lt sgt cne capt adj
	janv févr fév avr juil sept oct nov déc lun mar mer jeu ven sam dim
	km m cm mm kg g mg h min s mn sec qq qqs pt pts nb n° cie ets éts inc ltd corp co vs
	vol liv ch paragr sect al fr frs chf mio mrd mds md bn mln sp spp subsp var gr
	prof gal dép dpt réf bât sté ass adm gouv`)
